"""A network meeting or family group conference: what each offered and what the person
offers back are written back to their tie; the meeting's own questions; the family's plan,
whose actions belong to people in the network."""

import pytest
from django.urls import reverse

from conversations.models import Action
from conversations.sections import missing_sections, section_by_slug
from history.forms import current_version
from networks.models import ReciprocityNote
from tests.factories import NetworkMemberFactory, PersonFactory, complete_conversation
from tests.networks.test_meetings import came, saving, url


@pytest.fixture
def pat(meeting):
    return NetworkMemberFactory(
        person=meeting.person, name="Pat Hughes", gives_person="", person_gives=""
    )


def test_offers_each_way_are_written_back_to_the_tie(signed_in, meeting, pat, practitioner):
    came(meeting, pat)
    back = {f"offered_back_{pat.pk}": "Minds Pat's dog on Fridays"}
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts to the allotment"}, **back))
    notes = {n.direction: n for n in ReciprocityNote.objects.filter(member=pat)}
    assert notes["receives"].text == "Lifts to the allotment"
    assert notes["gives"].text == "Minds Pat's dog on Fridays"
    assert {n.date for n in notes.values()} == {meeting.date}
    assert {n.author for n in notes.values()} == {practitioner}
    pat.refresh_from_db()
    assert pat.gives_person == "Lifts to the allotment"
    assert pat.person_gives == "Minds Pat's dog on Fridays"
    assert pat.flow == "both"
    record = section_by_slug(meeting, "network-meeting").answers(meeting)
    assert (
        "Pat Hughes",
        "Lifts to the allotment\nOffered back: Minds Pat's dog on Fridays",
    ) in record
    assert (
        pat.history.first().history_change_reason == "From the network meeting on 2 November 2026"
    )


def test_saving_again_changes_the_same_notes_and_the_flow_it_wrote(signed_in, meeting, pat):
    came(meeting, pat)
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts"}))
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts to the allotment on Tuesdays"}))
    assert ReciprocityNote.objects.filter(member=pat).count() == 1
    pat.refresh_from_db()
    assert pat.gives_person == "Lifts to the allotment on Tuesdays"


def test_what_the_tie_already_said_is_kept(signed_in, meeting, pat):
    pat.gives_person = "Phones every evening"
    pat.save()
    came(meeting, pat)
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts"}))
    pat.refresh_from_db()
    assert pat.gives_person == "Phones every evening"
    assert ReciprocityNote.objects.get(member=pat).text == "Lifts"


def test_someone_taken_off_who_came_takes_their_offers_with_them(signed_in, meeting, pat):
    came(meeting, pat)
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts"}))
    signed_in.post(url(meeting), saving(meeting, {pat: "Lifts"}, **{f"remove_{pat.pk}": "on"}))
    assert not ReciprocityNote.objects.filter(member=pat).exists()


def meeting_section(meeting) -> str:
    return reverse("conversations:section", args=[meeting.code, "the-meeting"])


def test_the_meeting_asks_who_convened_it_their_question_private_time_the_plan(signed_in, meeting):
    page = signed_in.get(meeting_section(meeting)).content.decode()
    for asked in [
        "Who convened it?",
        "What did they ask of their network?",
        "Did the family have private time?",
        "own plan",
        "Were there disagreements, and how were they resolved?",
    ]:
        assert asked in page
    assert "the-meeting" in [s.slug for s in missing_sections(meeting)]
    signed_in.post(
        meeting_section(meeting),
        {
            "version": current_version(meeting),
            "meeting_convened_by": "Ann, an independent coordinator",
            "meeting_question": "Can you help me stay living at home?",
            "meeting_private_time": "yes",
            "meeting_plan": "Pat does Tuesday lifts; Jo phones on Sundays",
        },
    )
    meeting.refresh_from_db()
    assert meeting.get_meeting_private_time_display().startswith("Yes: the professionals left")
    assert "the-meeting" not in [s.slug for s in missing_sections(meeting)]
    assert section_by_slug(complete_conversation(meeting), "the-meeting") is not None


def test_a_one_to_one_conversation_has_no_meeting_section(person, practitioner):
    from tests.factories import ConversationFactory

    one_to_one = ConversationFactory(person=person, practitioner=practitioner)
    assert section_by_slug(one_to_one, "the-meeting") is None


def actions_url(meeting) -> str:
    return reverse("conversations:section", args=[meeting.code, "actions"])


def test_the_familys_plan_has_actions_that_belong_to_people_in_the_network(signed_in, meeting, pat):
    page = signed_in.get(actions_url(meeting)).content.decode()
    assert "Pat Hughes (friend)" in page
    signed_in.post(
        actions_url(meeting),
        {"what": "Lifts to the allotment on Tuesdays", "who": "network", "member": pat.pk},
    )
    action = Action.objects.get()
    assert action.member == pat
    shown = signed_in.get(actions_url(meeting)).content.decode()
    assert "Someone in their network: Pat Hughes" in shown


@pytest.mark.parametrize("whose", ["someone else's", "ended"])
def test_an_action_belongs_only_to_someone_in_their_network_now(signed_in, meeting, pat, whose):
    if whose == "ended":
        other = NetworkMemberFactory(person=meeting.person, ended_on=meeting.date)
    else:
        other = NetworkMemberFactory(person=PersonFactory(team=meeting.person.team))
    response = signed_in.post(
        actions_url(meeting), {"what": "Lifts", "who": "network", "member": other.pk}
    )
    page = response.content.decode()
    assert "Select someone in their network, or none" in page and "Lifts" in page
    assert not Action.objects.exists()


def test_someone_in_the_network_is_chosen_only_for_an_action_of_the_network(
    signed_in, meeting, pat
):
    response = signed_in.post(
        actions_url(meeting), {"what": "Ring Pat", "who": "person", "member": pat.pk}
    )
    assert "Choose who in their network only when it is someone there" in response.content.decode()
    assert not Action.objects.exists()
