import pytest
from django.urls import reverse

from conversations.models import Conversation
from history.forms import current_version
from tests.factories import (
    CapacityAssessmentFactory,
    CaseNoteFactory,
    ConnectionFactory,
    ConversationFactory,
    DecisionMakerFactory,
    NetworkMemberFactory,
    complete_conversation,
)
from tests.people.test_person_pages import VALID


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_editing_a_person_keeps_who_changed_what(signed_in, person, practitioner, team):
    signed_in.post(
        reverse("people:edit", args=[person.code]),
        {**VALID, "team": team.pk, "family_name": "Doyle-Hart", "version": current_version(person)},
    )
    latest = person.history.first()
    assert latest.history_user == practitioner and latest.family_name == "Doyle-Hart"
    page = signed_in.get(reverse("overview:changes", args=[person.code])).content.decode()
    assert "Their details: changed" in page and "Doyle-Hart" in page and "Priya Shah" in page


def test_each_save_of_a_conversation_and_its_review_is_kept(
    signed_in, person, practitioner, team_lead
):
    url = reverse("conversations:start", args=[person.code])
    signed_in.post(
        url,
        {
            "date_0": "2",
            "date_1": "11",
            "date_2": "2026",
            "method": "phone",
            "stage": "1",
            "kind": "one_to_one",
        },
    )
    conversation = Conversation.objects.get()
    section = reverse("conversations:section", args=[conversation.code, "what-matters"])
    signed_in.post(
        section, {"version": current_version(conversation), "what_matters": "The allotment"}
    )
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    users = [entry.history_user for entry in conversation.history.order_by("history_id")]
    assert users[:2] == [practitioner, practitioner] and users[-1] == team_lead
    assert conversation.history.filter(what_matters="The allotment").exists()


def test_the_changes_page_shows_every_kind_of_record(signed_in, person, practitioner):
    member = NetworkMemberFactory(person=person, name="Pat", created_by=practitioner)
    member.closeness = "moderate"
    member.save_by(practitioner)
    ConnectionFactory(person=person, resource__name="Lunch club")
    ConversationFactory(person=person, practitioner=practitioner)
    member.gives_person = "Lifts to the shops"
    member.save_by(practitioner)
    page = signed_in.get(reverse("overview:changes", args=[person.code])).content.decode()
    assert "Network: Pat: changed" in page and "Strong</del>" in page and "Moderate" in page
    # Named by the question the practitioner answered; something new said to be added.
    assert "How close is the relationship?" in page and "Closeness" not in page
    assert "What do they give the person?</dt>" in page
    assert "Added: Lifts to the shops" in page
    assert "Community connection: Lunch club: added" in page
    assert "Conversation 1, 2 November 2026: added" in page


def test_notes_and_who_may_decide_are_in_the_changes(signed_in, person, practitioner):
    note = CaseNoteFactory(person=person, author=practitioner)
    note.what_was_said = "She rang again: Tuesdays suit her"
    note.save_by(practitioner)
    DecisionMakerFactory(person=person, created_by=practitioner).save_by(practitioner)
    CapacityAssessmentFactory(person=person, assessed_by=practitioner).save_by(practitioner)
    page = signed_in.get(reverse("overview:changes", args=[person.code])).content.decode()
    assert "Note of 5 November 2026: a phone call: changed" in page
    assert "Tuesdays suit her" in page
    assert "Who may decide for them: lasting power of attorney" in page
    assert "Capacity assessment of 10 February 2026" in page


def test_the_changes_page_does_not_grow_in_queries(signed_in, person, practitioner, count_queries):
    url = reverse("overview:changes", args=[person.code])
    ConnectionFactory(person=person)
    few = count_queries(signed_in, url)
    for _ in range(8):
        ConnectionFactory(person=person)
        NetworkMemberFactory(person=person).save_by(practitioner)
        ConversationFactory(person=person, practitioner=practitioner)
        CaseNoteFactory(person=person, author=practitioner).save_by(practitioner)
        DecisionMakerFactory(person=person, created_by=practitioner).save_by(practitioner)
    assert count_queries(signed_in, url) == few


def test_another_team_cannot_see_the_changes(client, other_practitioner, person):
    client.force_login(other_practitioner)
    assert client.get(reverse("overview:changes", args=[person.code])).status_code == 404


def test_who_came_to_a_meeting_is_in_the_changes(signed_in, person, practitioner):
    from networks.services import attendance_save
    from tests.factories import ConversationFactory, NetworkMemberFactory

    conversation = ConversationFactory(person=person, practitioner=practitioner)
    member = NetworkMemberFactory(person=person, name="Pat Hughes")
    attendance_save(
        conversation=conversation, offered={member: "Lifts"}, removed=[], by=practitioner
    )
    page = signed_in.get(reverse("overview:changes", args=[person.code])).content.decode()
    assert "Who came to a network meeting: Pat Hughes" in page and "Lifts" in page
