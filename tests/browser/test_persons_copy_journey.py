import re

from django.utils import timezone
from playwright.sync_api import expect

from conversations.models import Conversation
from tests.factories import ConversationFactory, complete_conversation

NEEDS = "I cannot manage the bus since my stroke"
NOTE = "She wants to go back to the choir"
COMMENT = "Put down that I still do the watering myself"


def test_a_record_read_back_with_them_becomes_their_own_copy(
    sign_in, practitioner, team_lead, person
):
    # A draft with every section done but reading it back: her needs in her words, and
    # a note about her in the third person that is not for her copy as it stands.
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner),
        needs=NEEDS,
        contributions=NOTE,
        shared="",
        shared_how="",
        shared_on=None,
        agreement="",
    )

    page = sign_in(practitioner)
    page.get_by_role("link", name=f"{person.display_name}: conversation 1").click()
    page.get_by_role("link", name="Reading it back with them").click()
    expect(page.get_by_role("heading", name="Reading it back with them")).to_be_visible()

    page.get_by_role("link", name="their draft copy").click()
    expect(page.get_by_role("heading", name="What matters to me")).to_be_visible()
    expect(page.get_by_text("Draft.", exact=True)).to_be_visible()
    page.go_back()

    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("In person").check()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Their comments, in their own words").fill(COMMENT)
    page.get_by_label("They agreed, with comments").check()
    page.get_by_label("Where they need support").check()
    page.get_by_role("button", name="Save and check the record").click()

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.display_name)

    page.context.clear_cookies()
    sign_in(team_lead)
    page.get_by_role("link", name="Records to review").click()
    page.get_by_role("link", name=re.compile(f"{person.display_name}.*review the record")).click()
    page.get_by_label("Sign off the record").check()
    page.get_by_role("button", name="Confirm your decision").click()
    expect(page.get_by_text("is signed off")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.SIGNED_OFF

    page.context.clear_cookies()
    sign_in(practitioner)
    page.get_by_role("link", name=person.display_name, exact=True).click()
    page.get_by_role("link", name="Their own copy: what matters to me").click()
    expect(page.get_by_role("heading", name="What matters to me")).to_be_visible()
    expect(page.get_by_text(NEEDS)).to_be_visible()
    expect(page.get_by_text(COMMENT)).to_be_visible()
    expect(page.get_by_text("choir")).to_have_count(0)
    expect(page.get_by_text("Draft.", exact=True)).to_have_count(0)

    pdf = page.request.get(page.get_by_role("link", name="Download as a PDF").get_attribute("href"))
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # Read on a small phone, it does not scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.get_by_role("heading", name="What matters to me")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_role("link", name="Large print").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\bcopy-large\b"))
    expect(page.get_by_text(NEEDS)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
