"""Independent advocacy (Care Act 2014 s.67): whether they would have substantial difficulty
being involved, and have no one appropriate to support them; an advocate offered or
appointed, with their name and organisation."""

import pytest
from django.urls import reverse

from conversations.sections import sections_for
from history.forms import current_version
from tests.factories import ConversationFactory


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def send(client, conversation, data):
    url = reverse("conversations:section", args=[conversation.code, "advocacy"])
    return client.post(url, {"version": current_version(conversation), **data})


def test_every_conversation_asks_about_advocacy(person, practitioner):
    for kind in ["one_to_one", "carers", "review"]:
        conversation = ConversationFactory(person=person, practitioner=practitioner, kind=kind)
        assert "advocacy" in [section.slug for section in sections_for(conversation)]


def test_an_appointed_advocate_is_recorded_by_name_and_organisation(
    signed_in, person, practitioner
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    data = {
        "advocacy_difficulty": "yes",
        "advocacy_someone": "no",
        "advocacy": "appointed",
        "advocate_name": "Sunita Rao",
        "advocate_organisation": "Leeds Advocacy",
    }
    assert send(signed_in, conversation, data).status_code == 302
    page = signed_in.get(reverse("conversations:detail", args=[conversation.code])).content
    assert b"Sunita Rao" in page and b"Leeds Advocacy" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"advocacy_difficulty": "yes"}, "Select whether there is someone appropriate"),
        (
            {"advocacy_difficulty": "yes", "advocacy_someone": "no"},
            "Select whether an advocate was offered or appointed",
        ),
        (
            {"advocacy_difficulty": "yes", "advocacy_someone": "no", "advocacy": "not_needed"},
            "They would have substantial difficulty and have no one appropriate",
        ),
        (
            {"advocacy": "appointed", "advocate_organisation": "Leeds Advocacy"},
            "Enter the advocate\u2019s name",
        ),
        (
            {"advocacy": "appointed", "advocate_name": "Sunita"},
            "Enter the advocate\u2019s organisation",
        ),
        ({"advocacy_difficulty": "maybe"}, "Select would they have substantial difficulty"),
    ],
)
def test_advocacy_answers_that_leave_the_duty_unmet_are_refused(
    signed_in, person, practitioner, data, message
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    response = send(signed_in, conversation, data)
    page = response.content.decode().replace("&#x27;", "\u2019").replace("&rsquo;", "\u2019")
    assert "There is a problem" in page and message in page
    conversation.refresh_from_db()
    assert conversation.advocacy == "" and conversation.advocacy_difficulty == ""
