"""Unpaid carers in the network are offered a conversation of their own (Care Act 2014
s.10), which is the carer's own record, linked both ways to the person they care for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import Conversation
from history.forms import current_version
from networks.models import NetworkMember
from tests.factories import ConversationFactory, NetworkMemberFactory, PersonFactory
from tests.personal_data.test_subject_access_job import downloaded

TODAY = timezone.localdate()


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


@pytest.fixture
def carer(person, practitioner):
    """Derek, Maggie's son and unpaid carer, whom the team also works with."""
    derek = PersonFactory(team=person.team, practitioner=practitioner, given_names="Derek")
    return NetworkMemberFactory(
        person=person,
        name="Derek",
        relationship="family",
        unpaid_carer=True,
        linked_person=derek,
        created_by=practitioner,
    )


def day(name: str, when: datetime.date) -> dict:
    return {f"{name}_0": str(when.day), f"{name}_1": str(when.month), f"{name}_2": str(when.year)}


def test_the_member_form_marks_an_unpaid_carer(signed_in, person, practitioner):
    member = NetworkMemberFactory(person=person, name="Pat", created_by=practitioner)
    data = {
        "version": current_version(member),
        "name": "Pat",
        "relationship": "neighbour",
        "closeness": "strong",
        **day("started_on", datetime.date(2020, 1, 1)),
        "unpaid_carer": "on",
        "in_persons_copy": "on",
    }
    response = signed_in.post(reverse("networks:member_edit", args=[member.code]), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.unpaid_carer and member.carer_to_offer


def test_an_unpaid_carer_prompts_an_offer_on_the_person_page_and_the_network(
    signed_in, person, carer
):
    offer = reverse("networks:member_carer_offer", args=[carer.code])
    person_page = signed_in.get(reverse("overview:person", args=[person.code])).content.decode()
    assert "Derek is an unpaid carer" in person_page and offer in person_page
    network = signed_in.get(reverse("networks:network", args=[person.code])).content.decode()
    assert "Unpaid carer" in network and offer in network


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select what they said"),
        ({"carer_offer": "accepted"}, "Enter when it was offered"),
        (
            {"carer_offer": "accepted", **day("carer_offered_on", datetime.date(2019, 1, 1))},
            "The offer must be on or after they became part of the network",
        ),
        (
            {"carer_offer": "accepted", **day("carer_offered_on", TODAY + datetime.timedelta(1))},
            "must be today or in the past",
        ),
        ({"carer_offer": "perhaps", **day("carer_offered_on", TODAY)}, "Select what they said"),
    ],
)
def test_an_offer_needs_its_date_and_answer(signed_in, carer, data, message):
    url = reverse("networks:member_carer_offer", args=[carer.code])
    page = signed_in.post(url, {"version": current_version(carer), **data}).content.decode()
    assert "There is a problem" in page and message in page
    carer.refresh_from_db()
    assert carer.carer_offered_on is None and carer.carer_offer == ""


def test_an_accepted_offer_starts_the_carers_own_conversation_linked_both_ways(
    signed_in, person, carer
):
    url = reverse("networks:member_carer_offer", args=[carer.code])
    data = {
        "version": current_version(carer),
        "carer_offer": "accepted",
        **day("carer_offered_on", TODAY),
    }
    assert signed_in.post(url, data).status_code == 302
    carer.refresh_from_db()
    assert not carer.carer_to_offer
    network = signed_in.get(reverse("networks:network", args=[person.code])).content.decode()
    start = reverse("conversations:start", args=[carer.linked_person.code])
    assert f"{start}?cares_for={person.code}" in network
    page = signed_in.get(f"{start}?cares_for={person.code}").content.decode()
    assert (
        "Start a carer\u2019s conversation" in page or "Start a carer&rsquo;s conversation" in page
    )
    data = {
        **day("date", TODAY),
        "method": "home_visit",
        "stage": "1",
        "kind": "carers",
    }
    response = signed_in.post(f"{start}?cares_for={person.code}", data)
    assert response.status_code == 302
    conversation = Conversation.objects.get(person=carer.linked_person)
    assert conversation.kind == "carers" and conversation.cares_for == person
    # Both ways: the carer's record names who they care for; the cared-for's page the carer.
    tasks = signed_in.get(reverse("conversations:tasks", args=[conversation.code])).content
    assert b"Caring, and their own life" in tasks
    cared_for_page = signed_in.get(reverse("overview:person", args=[person.code])).content
    assert b"Carers with a conversation of their own" in cared_for_page
    carer_page = signed_in.get(reverse("overview:person", args=[carer.linked_person.code]))
    assert (
        b"They care for" in carer_page.content
        and person.display_name.encode() in carer_page.content
    )


def test_a_carers_conversation_never_reaches_the_cared_for_persons_copy_or_export(
    client, person, carer, practitioner, team_lead, information_governance
):
    words = "I have not slept a full night since March"
    conversation = ConversationFactory(
        person=carer.linked_person,
        practitioner=practitioner,
        kind="carers",
        cares_for=person,
        carer_wellbeing=words,
        what_matters=words,
        status="signed_off",
        checked_with_person={"what_matters": "x"},
    )
    assert conversation.cares_for == person
    client.force_login(practitioner)
    copy = client.get(reverse("own_copy:copy", args=[person.code])).content.decode()
    assert words not in copy
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_request", args=[person.code])
    client.post(url, {"reference": "SAR-1"})
    exported = downloaded(client, person).getvalue().decode()
    assert person.family_name in exported and words not in exported


def test_a_carers_conversation_for_someone_out_of_reach_is_refused(signed_in, person, other_person):
    start = reverse("conversations:start", args=[person.code])
    assert signed_in.get(f"{start}?cares_for={other_person.code}").status_code == 404
    assert signed_in.get(f"{start}?cares_for=not-a-code").status_code == 404


def test_another_team_cannot_offer(client, other_practitioner, carer):
    client.force_login(other_practitioner)
    url = reverse("networks:member_carer_offer", args=[carer.code])
    assert client.get(url).status_code == 404
    assert NetworkMember.objects.get(pk=carer.pk).carer_offer == ""
