"""Signed out after 30 minutes idle, warned before, and nothing typed is lost."""

import time

import pytest
from django.urls import reverse

from accounts.sessions import KEPT, LAST_SEEN
from conversations.models import Conversation
from history.forms import current_version
from tests.factories import ConversationFactory

PASSWORD = "a long test password"


@pytest.fixture
def signed_in(client, practitioner):
    client.post(reverse("accounts:sign_in"), {"username": practitioner.email, "password": PASSWORD})
    return client


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN] = time.time() - seconds
    session.save()


def section(conversation, slug: str = "what-matters") -> str:
    return reverse("conversations:section", args=[conversation.code, slug])


def test_a_user_idle_for_30_minutes_is_signed_out_with_a_message(signed_in):
    idle_for(signed_in, 29 * 60)
    assert signed_in.get(reverse("home")).status_code == 200
    idle_for(signed_in, 31 * 60)
    response = signed_in.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:sign_in"))
    assert "signed out after 30 minutes without using the service" in response.content.decode()


def test_the_idle_time_is_configurable(signed_in, settings):
    settings.SESSION_IDLE_SECONDS = 5 * 60
    idle_for(signed_in, 6 * 60)
    assert signed_in.get(reverse("home")).status_code == 302


def test_asking_how_long_is_left_does_not_extend_the_session(signed_in):
    idle_for(signed_in, 20 * 60)
    left = signed_in.get(reverse("accounts:session_status")).json()["seconds_left"]
    assert 590 <= left <= 600
    assert signed_in.session[LAST_SEEN] < time.time() - 19 * 60


def test_staying_signed_in_starts_the_time_again(signed_in):
    idle_for(signed_in, 29 * 60)
    left = signed_in.post(reverse("accounts:session_keep_alive")).json()["seconds_left"]
    assert left == 30 * 60


def test_pages_carry_the_timeout_warning_only_when_signed_in(client, signed_in):
    page = signed_in.get(reverse("home")).content.decode()
    assert 'data-session-seconds="1800"' in page and 'data-session-warning-seconds="120"' in page
    assert "You’re about to be signed out" in page
    signed_in.post(reverse("accounts:sign_out"))
    assert "data-session-seconds" not in client.get(reverse("accounts:sign_in")).content.decode()


def test_text_sent_after_the_session_ended_is_kept_and_brought_back(
    signed_in, person, practitioner
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    idle_for(signed_in, 45 * 60)
    typed = {"what_matters": "Seeing my grandson on Sundays"}
    response = signed_in.post(section(conversation), typed)
    assert response.url.startswith(reverse("accounts:sign_in"))
    assert signed_in.session[KEPT]["typed"] == {"what_matters": ["Seeing my grandson on Sundays"]}
    signed_in.post(
        reverse("accounts:sign_in"), {"username": practitioner.email, "password": PASSWORD}
    )
    page = signed_in.get(section(conversation)).content.decode()
    assert "Seeing my grandson on Sundays" in page and "check it and save" in page
    conversation.refresh_from_db()
    assert conversation.what_matters == ""  # brought back to check, not saved unseen
    assert KEPT not in signed_in.session


def test_kept_text_is_brought_back_only_on_its_own_page(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    idle_for(signed_in, 45 * 60)
    signed_in.post(section(conversation), {"what_matters": "Kept"})
    signed_in.post(
        reverse("accounts:sign_in"), {"username": practitioner.email, "password": PASSWORD}
    )
    assert "Kept" not in signed_in.get(section(conversation, "strengths")).content.decode()
    assert "Kept" in signed_in.get(section(conversation)).content.decode()


def test_a_forged_form_is_not_kept(person, practitioner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    response = client.post(section(conversation), {"what_matters": "Forged"})
    assert response.status_code == 403
    assert KEPT not in client.session


def test_autosave_saves_the_draft_and_returns_its_new_version(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    response = signed_in.post(
        section(conversation), {"what_matters": "Half a thought"}, HTTP_X_AUTOSAVE="1"
    )
    conversation.refresh_from_db()
    assert conversation.what_matters == "Half a thought"
    assert response.json() == {"version": current_version(conversation)}


def test_autosave_refuses_a_stale_page_and_an_unfinished_answer(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    conversation.save_by(practitioner)
    opened = current_version(conversation)
    conversation.save_by(practitioner)
    stale = {"version": opened, "what_matters": "Mine"}
    assert signed_in.post(section(conversation), stale, HTTP_X_AUTOSAVE="1").status_code == 409
    unfinished = {
        "next_date_0": "31",
        "next_date_1": "2",
        "next_date_2": "2027",
        "outcome": "resolved",
    }
    response = signed_in.post(section(conversation, "outcome"), unfinished, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 422
    assert Conversation.objects.get().what_matters == ""


def test_section_forms_ask_to_be_autosaved(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page = signed_in.get(section(conversation)).content.decode()
    assert "data-autosave" in page and 'aria-live="polite"' in page
