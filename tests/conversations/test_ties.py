"""The person's network inside the conversation's Relationships section: what was said of
each member, changes in their ties made to the network at once, and someone new."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import Conversation, TieTalkedAbout
from conversations.sections import COMPLETED, NOT_STARTED, section_by_slug
from history.forms import current_version
from networks.models import NetworkMember
from tests.factories import (
    ConversationFactory,
    NetworkMemberFactory,
    PersonFactory,
    complete_conversation,
)

DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def conversation(person, practitioner):
    return ConversationFactory(person=person, practitioner=practitioner, date=DAY)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


@pytest.fixture
def pat(person):
    return NetworkMemberFactory(
        person=person, name="Pat Hughes", relationship="neighbour", closeness="tenuous"
    )


def relationships(conversation) -> str:
    return reverse("conversations:section", args=[conversation.code, "relationships"])


def tie_url(conversation, member) -> str:
    return reverse("conversations:tie_talked_about", args=[conversation.code, member.code])


def said(conversation, member, **fields) -> dict:
    tie = conversation.ties_talked_about.filter(member=member).first()
    return {"version": current_version(tie) if tie else "", **fields}


def test_the_section_shows_the_network_as_it_stands_closest_first(signed_in, conversation, pat):
    NetworkMemberFactory(person=conversation.person, name="Jo Doyle", closeness="strong")
    NetworkMemberFactory(person=conversation.person, name="Sam Left", ended_on=DAY)
    NetworkMemberFactory(person=PersonFactory(team=conversation.person.team), name="Not Theirs")
    page = signed_in.get(relationships(conversation)).content.decode()
    assert page.index("Jo Doyle") < page.index("Pat Hughes")
    assert "Sam Left" not in page and "Not Theirs" not in page
    assert 'Note what was said<span class="govuk-visually-hidden"> about Pat Hughes' in page


def test_it_finds_someone_in_a_large_network_by_name(signed_in, conversation, pat):
    NetworkMemberFactory.create_batch(25, person=conversation.person, closeness="strong")
    first_page = signed_in.get(relationships(conversation)).content.decode()
    assert "Pat Hughes" not in first_page  # the 21 closest come first, a page of 20
    found = signed_in.get(relationships(conversation), {"q": "hugh"}).content.decode()
    assert "Pat Hughes" in found
    nothing = signed_in.get(relationships(conversation), {"q": "Nobody"}).content.decode()
    assert "No one in their network is named like" in nothing


def test_what_was_said_of_a_tie_is_kept_with_the_conversation(
    signed_in, conversation, pat, practitioner
):
    response = signed_in.post(
        tie_url(conversation, pat),
        said(conversation, pat, what_helps="Pat drives her to the allotment", flows="Seedlings"),
    )
    assert response.url == relationships(conversation)
    tie = TieTalkedAbout.objects.get()
    assert (tie.conversation, tie.member, tie.what_helps) == (
        conversation,
        pat,
        "Pat drives her to the allotment",
    )
    assert tie.history.get().history_user == practitioner
    section = section_by_slug(conversation, "relationships")
    assert section.status(conversation) == COMPLETED
    assert (
        "Pat Hughes (neighbour)",
        "What helps: Pat drives her to the allotment\nWhat flows each way: Seedlings",
    ) in section.answers(conversation)
    pat.refresh_from_db()
    assert pat.closeness == "tenuous"  # words alone do not change the tie


def test_a_change_in_a_tie_is_made_to_the_network_at_once_saying_where_it_came_from(
    signed_in, conversation, pat, practitioner
):
    signed_in.post(tie_url(conversation, pat), said(conversation, pat, change="closer"))
    pat.refresh_from_db()
    assert pat.closeness == "moderate"
    latest = pat.history.first()
    assert latest.history_change_reason == "From the conversation on 2 November 2026"
    assert latest.history_user == practitioner
    assert conversation.ties_talked_about.get().change == "closer"
    # Saved again with the same change, the tie does not move again.
    signed_in.post(
        tie_url(conversation, pat), said(conversation, pat, change="closer", what_helps="Tea")
    )
    pat.refresh_from_db()
    assert pat.closeness == "moderate" and pat.history.count() == 2


def test_an_ended_tie_needs_when_and_what_happened(signed_in, conversation, pat):
    response = signed_in.post(tie_url(conversation, pat), said(conversation, pat, change="ended"))
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter when the relationship ended" in page and "Enter what happened" in page
    pat.refresh_from_db()
    assert pat.is_active and not TieTalkedAbout.objects.exists()
    signed_in.post(
        tie_url(conversation, pat),
        said(
            conversation,
            pat,
            change="ended",
            ended_on_0="1",
            ended_on_1="11",
            ended_on_2="2026",
            end_reason="Moved to Spain",
        ),
    )
    pat.refresh_from_db()
    assert pat.ended_on == datetime.date(2026, 11, 1) and pat.end_reason == "Moved to Spain"


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({}, "Write what was said about them, or select how the relationship changed"),
        (
            {"change": "vanished", "what_helps": "Typed words"},
            "Select whether the relationship has changed, and how",
        ),
        ({"what_helps": "x" * 5001}, "5000 characters or fewer"),
        (
            {"change": "added", "what_helps": "Typed words"},
            "Select whether the relationship has changed, and how",
        ),
    ],
)
def test_bad_input_is_explained_keeps_what_was_typed_and_changes_nothing(
    signed_in, conversation, pat, sent, message
):
    response = signed_in.post(tie_url(conversation, pat), said(conversation, pat, **sent))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    if "what_helps" in sent and len(sent["what_helps"]) < 100:
        assert sent["what_helps"] in page
    pat.refresh_from_db()
    assert pat.closeness == "tenuous" and not TieTalkedAbout.objects.exists()


def test_a_stale_note_is_refused(signed_in, conversation, pat, practitioner):
    signed_in.post(tie_url(conversation, pat), said(conversation, pat, what_helps="First"))
    opened = said(conversation, pat)["version"]
    signed_in.post(tie_url(conversation, pat), said(conversation, pat, what_helps="Second"))
    response = signed_in.post(
        tie_url(conversation, pat), {"version": opened, "what_helps": "Third"}
    )
    assert "Someone saved a change" in response.content.decode()
    assert TieTalkedAbout.objects.get().what_helps == "Second"


def test_someone_new_joins_the_network_from_the_conversation(signed_in, conversation, practitioner):
    url = reverse("conversations:tie_new", args=[conversation.code])
    form = {
        "version": "",
        "name": "Ravi Patel",
        "relationship": "friend",
        "closeness": "moderate",
        "started_on_0": "1",
        "started_on_1": "6",
        "started_on_2": "2020",
    }
    response = signed_in.post(url, form)
    assert response.url == relationships(conversation)
    ravi = NetworkMember.objects.get(name="Ravi Patel")
    assert ravi.person == conversation.person and ravi.created_by == practitioner
    assert ravi.history.get().history_change_reason == "From the conversation on 2 November 2026"
    assert conversation.ties_talked_about.get().change == TieTalkedAbout.Change.ADDED
    refused = signed_in.post(url, {**form, "name": "", "relationship": ""}).content.decode()
    assert "Enter their name" in refused and "Select how they know each other" in refused
    assert NetworkMember.objects.count() == 1


def test_a_member_of_someone_elses_network_is_not_found(signed_in, conversation):
    theirs = NetworkMemberFactory(person=PersonFactory(team=conversation.person.team))
    assert signed_in.get(tie_url(conversation, theirs)).status_code == 404
    assert signed_in.post(tie_url(conversation, theirs), {"what_helps": "x"}).status_code == 404
    assert not TieTalkedAbout.objects.exists()


def test_a_submitted_record_takes_no_more_ties(signed_in, conversation, pat, practitioner):
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    response = signed_in.post(tie_url(conversation, pat), said(conversation, pat, change="closer"))
    assert response.status_code == 302 and not TieTalkedAbout.objects.exists()
    pat.refresh_from_db()
    assert pat.closeness == "tenuous"


def test_a_lead_who_wrote_of_a_tie_wrote_part_of_the_record(
    client, conversation, pat, team_lead, practitioner
):
    client.force_login(team_lead)
    client.post(tie_url(conversation, pat), said(conversation, pat, what_helps="Calls daily"))
    assert team_lead.pk in conversation.writer_ids()


def test_relationships_are_not_started_until_someone_is_talked_about(conversation, pat):
    section = section_by_slug(conversation, "relationships")
    assert section.status(conversation) == NOT_STARTED
    TieTalkedAbout.objects.create(conversation=conversation, member=pat, in_the_way="Distance")
    assert section.status(conversation) == COMPLETED


def test_the_section_page_does_not_grow_in_queries_with_the_network(
    signed_in, conversation, count_queries
):
    NetworkMemberFactory.create_batch(3, person=conversation.person)
    few = count_queries(signed_in, relationships(conversation))
    members = NetworkMemberFactory.create_batch(40, person=conversation.person)
    for member in members[:10]:
        TieTalkedAbout.objects.create(conversation=conversation, member=member, flows="Tea")
    assert count_queries(signed_in, relationships(conversation)) == few + 0


def test_the_record_keeps_the_network_as_part_of_the_conversation(signed_in, conversation, pat):
    Conversation.objects.filter(pk=conversation.pk).update(date=timezone.localdate())
    TieTalkedAbout.objects.create(conversation=conversation, member=pat, flows="Seedlings")
    page = signed_in.get(reverse("conversations:check", args=[conversation.code])).content
    assert "What flows each way: Seedlings" in page.decode()


def test_what_was_said_of_a_tie_is_in_the_subject_access_export_with_earlier_versions(
    signed_in, conversation, pat
):
    from personal_data.subject_access import as_json

    signed_in.post(tie_url(conversation, pat), said(conversation, pat, what_helps="Early words"))
    signed_in.post(tie_url(conversation, pat), said(conversation, pat, what_helps="Later words"))
    data = as_json(conversation.person)["data"]
    exported = repr(data["Conversations"])
    assert "Later words" in exported and "Pat Hughes" in exported
    earlier = repr(data["Earlier versions of what was said of their network in conversations"])
    assert "Early words" in earlier


def test_anonymising_removes_what_was_said_of_a_tie_and_its_versions(signed_in, conversation, pat):
    from personal_data.retention import person_anonymise

    signed_in.post(tie_url(conversation, pat), said(conversation, pat, flows="Doyle's seedlings"))
    person_anonymise(person=conversation.person)
    tie = TieTalkedAbout.objects.get()
    assert tie.flows == "(removed)" and not tie.history.exists()


def test_the_record_of_changes_says_which_conversation_a_change_in_a_tie_came_from(
    signed_in, conversation, pat
):
    signed_in.post(tie_url(conversation, pat), said(conversation, pat, change="stressful"))
    page = signed_in.get(reverse("overview:changes", args=[conversation.person.code]))
    assert "From the conversation on 2 November 2026" in page.content.decode()
