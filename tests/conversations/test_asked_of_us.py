"""What the person asked of the council, what it decided and why; and, in conversation 2,
needs met urgently before any decision (Care Act 2014 s.19(3))."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.read_back import check_parts
from conversations.sections import sections_for
from history.forms import current_version
from tests.factories import ConversationFactory, complete_conversation


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def send(client, conversation, slug, data):
    url = reverse("conversations:section", args=[conversation.code, slug])
    return client.post(url, {"version": current_version(conversation), **data})


def test_any_conversation_records_the_request_the_decision_and_why(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    assert "asked-of-us" in [section.slug for section in sections_for(conversation)]
    response = send(
        signed_in,
        conversation,
        "asked-of-us",
        {
            "asked_of_us": "Help getting to the shops each week",
            "asked_decision": "in_part",
            "asked_reasons": "Your neighbour drives you on Fridays; we will fund the rest",
            "asked_next": "Priya rings the transport scheme by Friday",
        },
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.get_asked_decision_display() == "Agreed in part"
    page = signed_in.get(reverse("conversations:detail", args=[conversation.code])).content
    assert b"Help getting to the shops each week" in page and b"Agreed in part" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"asked_of_us": "A stairlift"}, "Select what we decided, or that it is not decided"),
        ({"asked_of_us": "A stairlift", "asked_decision": "not_agreed"}, "Enter the reasons"),
        ({"asked_decision": "agreed", "asked_reasons": "Yes"}, "Enter what they asked of us"),
        ({"asked_of_us": "A stairlift", "asked_decision": "maybe"}, "Select what did we decide"),
    ],
)
def test_a_decision_needs_its_request_and_its_reasons(
    signed_in, person, practitioner, data, message
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page = send(signed_in, conversation, "asked-of-us", data).content.decode()
    assert "There is a problem" in page and message in page
    conversation.refresh_from_db()
    assert conversation.asked_of_us == "" and conversation.asked_decision == ""


def test_not_decided_yet_needs_no_reasons(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    data = {"asked_of_us": "A stairlift", "asked_decision": "not_yet"}
    assert send(signed_in, conversation, "asked-of-us", data).status_code == 302


def test_urgent_support_is_offered_in_conversation_2_with_when_it_is_looked_at_again(
    signed_in, person, practitioner
):
    first = ConversationFactory(person=person, practitioner=practitioner, stage=1)
    assert "urgent-support" not in [section.slug for section in sections_for(first)]
    crisis = ConversationFactory(person=person, practitioner=practitioner, stage=2)
    page = send(signed_in, crisis, "urgent-support", {"urgent_support": "Carers twice a day"})
    assert "Enter when it will be looked at again" in page.content.decode()
    soon = timezone.localdate() + datetime.timedelta(days=7)
    data = {
        "urgent_support": "Carers twice a day from Monday",
        "urgent_review_date_0": str(soon.day),
        "urgent_review_date_1": str(soon.month),
        "urgent_review_date_2": str(soon.year),
    }
    assert send(signed_in, crisis, "urgent-support", data).status_code == 302
    crisis.refresh_from_db()
    assert crisis.urgent_review_date == soon


def test_the_decision_and_why_go_in_the_copy_once_checked(
    signed_in, person, practitioner, team_lead
):
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner),
        asked_of_us="A stairlift",
        asked_decision="not_agreed",
        asked_reasons="You can manage the stairs with a second rail, which we will fit",
    )
    check_parts(conversation, ["asked_of_us", "asked_decision"])
    conversation.save()
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    page = signed_in.get(reverse("own_copy:copy", args=[person.code])).content.decode()
    assert "What you asked of us" in page and "A stairlift" in page
    assert "What we decided, and why" in page
    assert "Not agreed. You can manage the stairs with a second rail" in page
