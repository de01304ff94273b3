"""Signed out after 30 minutes idle, warned before, and nothing typed is lost."""

import time

import pytest
from django.urls import reverse

from accounts.sessions import KEEPS_AT_MOST, KEPT, KEPT_FOR, LAST_SEEN, SIGNED_IN_AT
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


def signed_in_ago(client, seconds: int) -> None:
    session = client.session
    session[SIGNED_IN_AT] = time.time() - seconds
    session.save()


def sign_in(client, user) -> None:
    client.post(reverse("accounts:sign_in"), {"username": user.email, "password": PASSWORD})


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
        section(conversation),
        {"version": current_version(conversation), "what_matters": "Half a thought"},
        HTTP_X_AUTOSAVE="1",
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
        "version": current_version(conversation),
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


def test_it_stores_nothing_for_a_visitor_who_was_never_signed_in(client, person, practitioner):
    from django.contrib.sessions.models import Session

    conversation = ConversationFactory(person=person, practitioner=practitioner)
    response = client.post(section(conversation), {"what_matters": "x" * 10_000})
    assert response.status_code == 302
    assert Session.objects.count() == 0
    assert "sessionid" not in response.cookies


def test_it_does_not_keep_typing_after_signing_out_on_purpose(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    signed_in.post(reverse("accounts:sign_out"))
    signed_in.post(section(conversation), {"what_matters": "Sent after signing out"})
    assert KEPT not in signed_in.session


def test_it_offers_kept_typing_to_its_own_user_only_and_throws_it_away(
    signed_in, person, practitioner, team_lead
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    idle_for(signed_in, 45 * 60)
    signed_in.post(section(conversation), {"what_matters": "Words Priya typed"})
    assert signed_in.session[KEPT]["user"] == practitioner.pk
    sign_in(signed_in, team_lead)
    assert KEPT not in signed_in.session
    assert "Words Priya typed" not in signed_in.get(section(conversation)).content.decode()
    signed_in.post(reverse("accounts:sign_out"))
    sign_in(signed_in, practitioner)
    assert "Words Priya typed" not in signed_in.get(section(conversation)).content.decode()


def test_it_keeps_nothing_bigger_than_real_typing(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    idle_for(signed_in, 45 * 60)
    signed_in.post(section(conversation), {"what_matters": "x" * (KEEPS_AT_MOST + 1)})
    assert KEPT not in signed_in.session
    signed_in.post(section(conversation), {"what_matters": "x" * 30_000})
    assert KEPT in signed_in.session


def test_kept_typing_expires(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    idle_for(signed_in, 45 * 60)
    signed_in.post(section(conversation), {"what_matters": "Said long ago"})
    session = signed_in.session
    session[KEPT] = {**session[KEPT], "at": time.time() - KEPT_FOR - 1}
    session.save()
    sign_in(signed_in, practitioner)
    assert "Said long ago" not in signed_in.get(section(conversation)).content.decode()
    assert KEPT not in signed_in.session


def test_nothing_is_kept_long_after_the_session_ended(signed_in, person, practitioner):
    from accounts.sessions import ENDED

    conversation = ConversationFactory(person=person, practitioner=practitioner)
    idle_for(signed_in, 45 * 60)
    signed_in.get(reverse("home"))
    session = signed_in.session
    session[ENDED] = {**session[ENDED], "at": time.time() - KEPT_FOR - 1}
    session.save()
    signed_in.post(section(conversation), {"what_matters": "Too late"})
    assert KEPT not in signed_in.session


def test_the_12_hour_limit_is_counted_from_signing_in_whatever_the_activity(signed_in):
    signed_in_ago(signed_in, 11 * 60 * 60 + 59 * 60)
    idle_for(signed_in, 60)
    assert signed_in.get(reverse("home")).status_code == 200
    signed_in_ago(signed_in, 12 * 60 * 60 + 60)
    idle_for(signed_in, 60)
    response = signed_in.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:sign_in"))
    assert "because you signed in more than 12 hours ago" in response.content.decode()


def test_activity_never_moves_the_end_of_the_stored_session(signed_in):
    signed_in_ago(signed_in, 11 * 60 * 60 + 45 * 60)
    idle_for(signed_in, 60)
    signed_in.get(reverse("home"))
    ends = signed_in.session[SIGNED_IN_AT] + 12 * 60 * 60
    assert signed_in.session.get_expiry_date().timestamp() <= ends + KEPT_FOR + 1  # microseconds
    left = signed_in.get(reverse("accounts:session_status")).json()["seconds_left"]
    assert 14 * 60 <= left <= 15 * 60


def test_typing_sent_after_the_12_hour_limit_is_kept(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    signed_in_ago(signed_in, 12 * 60 * 60 + 60)
    signed_in.post(section(conversation), {"what_matters": "Late in the day"})
    sign_in(signed_in, practitioner)
    assert "Late in the day" in signed_in.get(section(conversation)).content.decode()
