import datetime

import pytest
from django.urls import reverse

from history.forms import current_version
from networks.models import NetworkMember, ReciprocityNote
from tests.factories import NetworkMemberFactory

MEMBER = {
    "name": "Pat Hughes",
    "relationship": "neighbour",
    "closeness": "strong",
    "contact": "weekly",
    "gives_person": "A lift to the shops",
    "person_gives": "Seedlings every spring",
    "started_on_0": "1",
    "started_on_1": "6",
    "started_on_2": "2015",
}


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_it_adds_a_member_with_history(signed_in, person, practitioner):
    response = signed_in.post(reverse("networks:member_add", args=[person.code]), MEMBER)
    assert response.url == reverse("networks:network", args=[person.code])
    member = NetworkMember.objects.get()
    assert member.flow == "both"
    assert member.history.get().history_user == practitioner


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter their name"),
        ({"closeness": "close-ish"}, "Select how close the relationship is"),
        ({"relationship": ""}, "Select how they know each other"),
        ({"started_on_2": "2999"}, "must be today or in the past"),
        ({"gives_person": "x" * 2001}, "must be 2000 characters or fewer"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(signed_in, person, changes, message):
    response = signed_in.post(
        reverse("networks:member_add", args=[person.code]), {**MEMBER, **changes}
    )
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not NetworkMember.objects.exists()


def test_it_edits_and_keeps_the_change_in_history(signed_in, person):
    member = NetworkMemberFactory(person=person, closeness="strong")
    version = current_version(member)
    signed_in.post(
        reverse("networks:member_edit", args=[member.code]),
        {**MEMBER, "closeness": "stressful", "version": version},
    )
    member.refresh_from_db()
    assert member.closeness == "stressful"
    assert list(member.history.values_list("closeness", flat=True)) == ["stressful", "strong"]


def test_it_ends_a_member_and_shows_the_network_as_it_was(signed_in, person):
    member = NetworkMemberFactory(person=person, started_on=datetime.date(2020, 1, 1))
    url = reverse("networks:member_end", args=[member.code])
    assert (
        "The end must be after"
        in signed_in.post(
            url, {"ended_on_0": "1", "ended_on_1": "1", "ended_on_2": "2019", "reason": "Moved"}
        ).content.decode()
    )
    signed_in.post(
        url, {"ended_on_0": "1", "ended_on_1": "9", "ended_on_2": "2026", "reason": "Moved"}
    )
    member.refresh_from_db()
    assert not member.is_active
    members = NetworkMember.objects.filter(person=person)
    assert list(members.active_on(datetime.date(2026, 8, 31))) == [member]
    assert not members.active_on(datetime.date(2026, 9, 1)).exists()


def test_it_adds_reciprocity_notes_as_a_timeline(signed_in, person):
    member = NetworkMemberFactory(person=person)
    url = reverse("networks:note_add", args=[member.code])
    assert "Select which way it went" in signed_in.post(url, {"text": "x"}).content.decode()
    signed_in.post(
        url,
        {"date_0": "3", "date_1": "10", "date_2": "2026", "direction": "gives", "text": "Cooked"},
    )
    assert ReciprocityNote.objects.get().member == member
    page = signed_in.get(reverse("networks:network", args=[person.code])).content.decode()
    assert "Cooked" in page and "The person gives" in page


def test_it_measures_size_and_reciprocity(signed_in, person):
    NetworkMemberFactory(person=person, gives_person="Lifts", person_gives="Company")
    NetworkMemberFactory(person=person, gives_person="Lifts")
    NetworkMemberFactory(person=person, started_on=datetime.date(2026, 10, 1))
    NetworkMemberFactory(person=person, ended_on=datetime.date(2026, 10, 1))
    response = signed_in.get(reverse("networks:network", args=[person.code]))
    measures = {"size": 3, "size_at_first_contact": 3, "reciprocal": 1, "ended": 1}
    assert response.context["measures"] == measures
    person_page = signed_in.get(reverse("overview:person", args=[person.code]))
    assert person_page.context["network_measures"] == response.context["measures"]


@pytest.mark.parametrize("cast", ["other_practitioner", "administrator"])
def test_other_teams_get_404(client, request, person, cast):
    member = NetworkMemberFactory(person=person)
    client.force_login(request.getfixturevalue(cast))
    assert client.get(reverse("networks:network", args=[person.code])).status_code == 404
    for name in ["member_edit", "member_end", "note_add"]:
        assert client.get(reverse(f"networks:{name}", args=[member.code])).status_code == 404


def test_its_queries_do_not_grow_with_the_network(signed_in, person, count_queries):
    url = reverse("networks:network", args=[person.code])
    NetworkMemberFactory.create_batch(2, person=person)
    with_two = count_queries(signed_in, url)
    for member in NetworkMemberFactory.create_batch(20, person=person):
        ReciprocityNote.objects.create(
            member=member, direction="mutual", text="Tea", author=member.created_by
        )
    assert count_queries(signed_in, url) == with_two


def test_it_records_who_added_a_note_in_its_history(signed_in, person, practitioner):
    member = NetworkMemberFactory(person=person)
    signed_in.post(
        reverse("networks:note_add", args=[member.code]),
        {"date_0": "3", "date_1": "10", "date_2": "2026", "direction": "mutual", "text": "Tea"},
    )
    assert ReciprocityNote.objects.get().history.get().history_user == practitioner


def test_it_links_a_member_to_someone_the_team_works_with(signed_in, person, team):
    from tests.factories import PersonFactory

    neighbour = PersonFactory(team=team, family_name="Hughes")
    signed_in.post(
        reverse("networks:member_add", args=[person.code]),
        {**MEMBER, "linked_person": neighbour.pk},
    )
    assert NetworkMember.objects.get().linked_person == neighbour
    page = signed_in.get(reverse("networks:network", args=[person.code])).content.decode()
    assert reverse("overview:person", args=[neighbour.code]) in page


def test_it_will_not_link_to_another_teams_person(signed_in, person, other_person):
    response = signed_in.post(
        reverse("networks:member_add", args=[person.code]),
        {**MEMBER, "linked_person": other_person.pk},
    )
    page = response.content.decode()
    assert "Select someone your team works with, or No" in page and person.family_name in page
    assert other_person.family_name not in page
    assert not NetworkMember.objects.exists()


def test_the_practitioner_chooses_whether_a_name_is_in_the_persons_copy(signed_in, person):
    page = signed_in.get(reverse("networks:member_add", args=[person.code])).content.decode()
    assert "own copy of their record" in page
    # Ticked to start with: the practitioner unticks it, with the person.
    assert "checked" in page.split('name="in_persons_copy"')[1].split(">")[0]
    url = reverse("networks:member_add", args=[person.code])
    signed_in.post(url, {**MEMBER, "name": "Pat Hughes", "in_persons_copy": "on"})
    signed_in.post(url, {**MEMBER, "name": "Derek Stone"})
    chosen = dict(NetworkMember.objects.values_list("name", "in_persons_copy"))
    assert chosen == {"Pat Hughes": True, "Derek Stone": False}
