"""Nothing typed is lost: autosave while typing, the timeout warning, and typing sent
after the session ended.

The page's timers (the autosave's pause, the warning's countdown) run on Playwright's
clock, moved on by the test, so nothing waits for time to pass.
"""

import time

from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from accounts.sessions import LAST_SEEN
from conversations.models import Conversation
from tests.factories import ConversationFactory

from .conftest import sign_in_with_the_form

AUTOSAVE_PAUSE_MS = 2_000  # static/app/autosave.js


def open_section(page, conversation) -> None:
    page.goto(f"/conversations/{conversation.code}/sections/what-matters/")


def autosaved(page):
    """The autosave's request, once the page sends it and the server answers."""
    return page.expect_response(lambda response: response.request.headers.get("x-autosave") == "1")


def test_a_section_saves_itself_while_the_practitioner_types(sign_in, page, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page.clock.install()
    sign_in(practitioner)
    open_section(page, conversation)
    field = page.get_by_label("What matters to them, in their own words")
    with autosaved(page) as first:
        field.fill("Singing in the choir again")
        page.clock.run_for(AUTOSAVE_PAUSE_MS)
    assert first.value.status == 200
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.what_matters == "Singing in the choir again"
    # A second pause saves again, from the version the first save returned.
    with autosaved(page) as second:
        field.fill("Singing, and the allotment")
        page.clock.run_for(AUTOSAVE_PAUSE_MS)
    assert second.value.status == 200
    conversation.refresh_from_db()
    assert conversation.what_matters == "Singing, and the allotment"


def test_the_warning_offers_to_stay_signed_in(sign_in, page, practitioner, settings):
    settings.SESSION_IDLE_SECONDS = 124  # the warning, two minutes before, comes after 4 seconds
    page.clock.install()
    sign_in(practitioner)
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_hidden()
    page.clock.run_for(4_000)
    expect(dialog).to_be_visible()
    with page.expect_response("**/session/keep-alive/") as kept:
        page.keyboard.press("Enter")  # the focused "Stay signed in" button
    assert kept.value.json()["seconds_left"] == 124
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()


def idle_for(page, seconds: int) -> None:
    """As if the browser had not been used for `seconds`: its session says so."""
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_SEEN] = time.time() - seconds
    session.save()


def test_typing_sent_after_the_session_ended_comes_back_after_signing_in(
    sign_in, practitioner, person
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page = sign_in(practitioner)
    open_section(page, conversation)
    idle_for(page, django_settings.SESSION_IDLE_SECONDS + 1)
    page.get_by_label("What matters to them, in their own words").press_sequentially("Getting home")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in_with_the_form(page, practitioner)
    expect(page.get_by_text("What you typed is below: check it and save.")).to_be_visible()
    field = page.get_by_label("What matters to them, in their own words")
    expect(field).to_have_value("Getting home")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Strengths")).to_be_visible()
    assert Conversation.objects.get().what_matters == "Getting home"
