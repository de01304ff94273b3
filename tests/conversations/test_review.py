import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import Conversation
from tests.factories import ConversationFactory, PersonFactory, complete_conversation


def submitted(person, practitioner, *, days_ago: int = 0) -> Conversation:
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner)
    )
    conversation.submit(by=practitioner)
    Conversation.objects.filter(pk=conversation.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return conversation


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


def test_the_queue_lists_the_teams_submitted_records_oldest_first(
    as_lead, person, practitioner, other_person, other_practitioner
):
    newer = submitted(person, practitioner, days_ago=1)
    older = submitted(PersonFactory(team=person.team), practitioner, days_ago=9)
    submitted(other_person, other_practitioner, days_ago=20)
    complete_conversation(ConversationFactory(person=person, practitioner=practitioner))  # a draft
    response = as_lead.get(reverse("conversations:review_queue"))
    assert list(response.context["page"].object_list) == [older, newer]
    assert "1\xa0week, 2\xa0days" in response.content.decode()


def test_a_lead_signs_off_a_record(as_lead, person, practitioner, team_lead):
    conversation = submitted(person, practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    response = as_lead.post(url, {"decision": "sign_off", "comment": ""})
    assert response.url == reverse("conversations:review_queue")
    conversation.refresh_from_db()
    assert conversation.is_signed_off and conversation.reviewed_by == team_lead
    assert [r.kind for r in conversation.reviews.all()] == ["submitted", "signed_off"]


def test_a_lead_returns_a_record_with_a_comment_the_practitioner_sees(
    client, as_lead, person, practitioner
):
    conversation = submitted(person, practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    as_lead.post(url, {"decision": "return", "comment": "Say more about what Pat offers"})
    conversation.refresh_from_db()
    assert conversation.is_draft and conversation.was_returned
    client.force_login(practitioner)
    home = client.get(reverse("home")).content.decode()
    assert "Returned" in home and "Say more about what Pat offers" in home


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "return", "comment": "  "}, "Enter a comment saying what the practitioner"),
        ({"comment": "Fine"}, "Select whether to sign off the record or return it"),
        ({"decision": "shred"}, "Select whether to sign off the record or return it"),
    ],
)
def test_it_explains_an_incomplete_decision_and_changes_nothing(
    as_lead, person, practitioner, data, message
):
    conversation = submitted(person, practitioner)
    response = as_lead.post(reverse("conversations:review", args=[conversation.code]), data)
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    conversation.refresh_from_db()
    assert conversation.status == "submitted"


def test_a_lead_cannot_sign_off_their_own_record(as_lead, person, team_lead):
    conversation = submitted(person, team_lead)
    url = reverse("conversations:review", args=[conversation.code])
    assert "You wrote this record" in as_lead.get(url).content.decode()
    as_lead.post(url, {"decision": "sign_off"})
    conversation.refresh_from_db()
    assert conversation.status == "submitted"


def test_the_review_page_shows_the_record_and_its_history(as_lead, person, practitioner, team_lead):
    conversation = submitted(person, practitioner)
    conversation.return_to_draft(by=team_lead, comment="Add the actions")
    conversation.submit(by=practitioner)
    page = as_lead.get(reverse("conversations:review", args=[conversation.code])).content.decode()
    assert "Getting back to the allotment" in page
    assert page.count("Submitted for review</strong>") == 2 and "Add the actions" in page


def test_practitioners_cannot_review_and_other_teams_get_404(
    client, person, practitioner, other_practitioner
):
    conversation = submitted(person, practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    client.force_login(practitioner)
    assert client.get(url).status_code == 403
    assert client.get(reverse("conversations:review_queue")).status_code == 403
    client.force_login(other_practitioner)
    assert client.get(url).status_code == 404


def test_the_queue_does_not_grow_in_queries(as_lead, person, practitioner, count_queries):
    submitted(person, practitioner)
    one = count_queries(as_lead, reverse("conversations:review_queue"))
    for _ in range(10):
        submitted(PersonFactory(team=person.team), practitioner)
    assert count_queries(as_lead, reverse("conversations:review_queue")) == one
