"""Reading the record back with the person before it is submitted: how it was shared, what
they said, whether they agreed; or why it could not be shared. And the parts checked with
them for their own copy."""

import pytest
from django.urls import reverse

from conversations.models import Conversation
from conversations.read_back import checked_parts
from conversations.services import IncompleteRecord, conversation_submit
from history.forms import current_version
from tests.factories import ConversationFactory, complete_conversation

SHARED = {
    "shared": "yes",
    "shared_how": "in_person",
    "shared_on_0": "3",
    "shared_on_1": "11",
    "shared_on_2": "2026",
    "agreement": "agreed",
}


@pytest.fixture
def conversation(person, practitioner):
    return complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner),
        shared="",
        shared_how="",
        shared_on=None,
        agreement="",
        needs="He cannot manage the bus since his stroke",
    )


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def send(client, conversation, data):
    url = reverse("conversations:section", args=[conversation.code, "reading-back"])
    return client.post(url, {"version": current_version(conversation), **data})


def test_a_record_is_not_submitted_until_it_is_read_back(conversation, practitioner):
    with pytest.raises(IncompleteRecord) as incomplete:
        conversation_submit(conversation=conversation, by=practitioner)
    assert [section.slug for section in incomplete.value.missing] == ["reading-back"]


def test_it_records_how_it_was_shared_and_the_parts_checked(signed_in, conversation):
    response = send(
        signed_in,
        conversation,
        {
            **SHARED,
            "shared_formats": ["easy_read", "interpreter"],
            "agreement": "with_comments",
            "persons_comments": "I still do the watering myself",
            "parts": ["what_matters", "needs"],
        },
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.shared_formats == ["easy_read", "interpreter"]
    assert conversation.persons_comments == "I still do the watering myself"
    assert [part.name for part, _ in checked_parts(conversation)] == ["what_matters", "needs"]
    # The record may now be submitted.
    conversation_submit(conversation=conversation, by=conversation.practitioner)


def test_the_page_shows_each_part_in_full_to_read_back_and_links_the_draft(signed_in, conversation):
    url = reverse("conversations:section", args=[conversation.code, "reading-back"])
    page = signed_in.get(url).content.decode()
    assert "He cannot manage the bus since his stroke" in page
    assert "Where they need support" in page
    assert reverse("own_copy:draft", args=[conversation.code]) in page
    # Parts with no words are not offered.
    assert "The crisis plan" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select whether the record was shared with them"),
        ({"shared": "yes"}, "Select how the record was shared"),
        ({"shared": "yes"}, "Enter when it was shared with them"),
        ({"shared": "yes"}, "Select whether they agreed with what was written"),
        ({**SHARED, "shared_on_2": "2099"}, "When was it shared with them?"),
        ({**SHARED, "shared_formats": ["language"]}, "Enter the language it was shared in"),
        ({**SHARED, "agreement": "with_comments", "persons_comments": ""}, "Enter their comments"),
        ({**SHARED, "agreement": "not_agreed"}, "Enter what they did not agree with, and why"),
        ({"shared": "no"}, "Select why it could not be shared with them"),
        ({"shared": "no", "not_shared_reason": "other"}, "Enter why it could not be shared"),
        ({**SHARED, "parts": ["risks"]}, "Select only the parts shown"),
    ],
)
def test_it_explains_what_is_missing_keeps_what_was_typed_and_saves_nothing(
    signed_in, conversation, data, message
):
    typed = {"persons_comments": "My words, kept", **data}
    response = send(signed_in, conversation, typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert typed["persons_comments"] in page
    conversation.refresh_from_db()
    assert conversation.shared == "" and conversation.persons_comments == ""


def test_changing_the_answer_drops_what_was_given_for_the_other(signed_in, conversation):
    send(signed_in, conversation, {**SHARED, "persons_comments": "Fine"})
    conversation.refresh_from_db()
    send(
        signed_in,
        conversation,
        {"shared": "no", "not_shared_reason": "capacity", "persons_comments": "Fine"},
    )
    conversation.refresh_from_db()
    assert conversation.shared == Conversation.Shared.NO
    assert conversation.not_shared_reason == "capacity"
    assert conversation.shared_how == "" and conversation.shared_on is None
    assert conversation.persons_comments == "" and conversation.agreement == ""


def test_the_record_shows_how_it_was_read_back(signed_in, conversation):
    send(signed_in, conversation, {**SHARED, "parts": ["needs"]})
    page = signed_in.get(reverse("conversations:detail", args=[conversation.code])).content
    page = page.decode()
    assert "Reading it back with them" in page and "In person" in page
    assert "Where they need support" in page  # the parts in their copy
    # Only the branch taken, and no follow-up question its answer did not ask.
    assert "Why could it not be shared with them?" not in page
    assert "What did they not agree with, and why?" not in page
    assert "Which language?" not in page
