"""Nothing typed is lost: autosave while typing, the timeout warning, and typing sent
after the session ended."""

from playwright.sync_api import expect

from conversations.models import Conversation
from tests.factories import ConversationFactory

PASSWORD = "a long test password"


def open_section(page, conversation) -> None:
    page.goto(f"/conversations/{conversation.code}/sections/what-matters/")


def test_a_section_saves_itself_while_the_practitioner_types(sign_in, practitioner, person):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page = sign_in(practitioner)
    open_section(page, conversation)
    page.get_by_label("What matters to them, in their own words").fill("Singing in the choir again")
    expect(page.get_by_text("Draft saved at")).to_be_visible(timeout=10_000)
    conversation.refresh_from_db()
    assert conversation.what_matters == "Singing in the choir again"
    # A second pause saves again, from the version the first save returned.
    page.get_by_label("What matters to them, in their own words").fill("Singing, and the allotment")
    page.wait_for_timeout(3_000)
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.what_matters == "Singing, and the allotment"


def test_the_warning_offers_to_stay_signed_in(sign_in, practitioner, settings):
    settings.SESSION_IDLE_SECONDS = 124  # the warning, two minutes before, comes after 4 seconds
    page = sign_in(practitioner)
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=10_000)
    page.keyboard.press("Enter")  # the focused "Stay signed in" button
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()


def test_typing_sent_after_the_session_ended_comes_back_after_signing_in(
    sign_in, practitioner, person, settings
):
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    page = sign_in(practitioner)
    open_section(page, conversation)
    settings.SESSION_IDLE_SECONDS = 1
    page.wait_for_timeout(2_500)
    page.get_by_label("What matters to them, in their own words").press_sequentially("Getting home")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    settings.SESSION_IDLE_SECONDS = 30 * 60
    page.get_by_label("Email address").fill(practitioner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("What you typed is below: check it and save.")).to_be_visible()
    field = page.get_by_label("What matters to them, in their own words")
    expect(field).to_have_value("Getting home")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Strengths")).to_be_visible()
    assert Conversation.objects.get().what_matters == "Getting home"
