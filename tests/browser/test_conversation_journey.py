from django.utils import timezone
from playwright.sync_api import expect

from conversations.models import Conversation


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def test_a_practitioner_records_leaves_returns_and_submits(sign_in, practitioner, person, tmp_path):
    page = sign_in(practitioner)
    page.get_by_role("link", name=person.display_name).click()
    page.get_by_role("link", name="Start a conversation").click()
    page.get_by_label("Home visit").check()
    page.get_by_label("1: Listen and connect").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Conversation record")).to_be_visible()
    page.get_by_role("link", name="What matters to them").click()
    page.get_by_label("What matters to them, in their own words").fill("Getting to the allotment")
    save_and_continue(page)
    page.get_by_label("What has helped them through hard times before?").fill("My sister")
    save_and_continue(page)

    # Leaves half way, and comes back to the draft from the home page.
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name=f"{person.display_name}: conversation 1").click()
    expect(page.locator("#status-strengths")).to_have_text("In progress")
    expect(page.locator("#status-what-matters")).to_have_text("Completed")
    page.get_by_role("link", name="Strengths").click()
    expect(page.get_by_label("What has helped them through hard times before?")).to_have_value(
        "My sister"
    )
    page.get_by_label("What did you notice?").fill("Knows every plant by name")
    save_and_continue(page)
    page.get_by_label("Who do people come to them for, and what for?").fill("Neighbours' seeds")
    save_and_continue(page)
    page.get_by_label("Who is important to them?").fill("Pat next door")
    save_and_continue(page)
    # Not talked about today: said why, rather than skipped.
    page.get_by_label("If you did not talk about their community today, why not?").fill(
        "She wanted to settle at home first"
    )
    save_and_continue(page)
    save_and_continue(page)  # the whole of their life: optional prompts
    page.get_by_label("Where do they need support from others?").fill("The stairs")
    save_and_continue(page)
    # What she asked of us, what we decided and why.
    page.get_by_label("What did they ask of us?").fill("A rail by the back door")
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_label("Why? Our reasons").fill("You told us the step is where you fell")
    save_and_continue(page)
    # Independent advocacy: she can take part without help.
    difficulty = page.get_by_role("group", name="Would they have substantial difficulty")
    difficulty.get_by_label("No", exact=True).check()
    save_and_continue(page)
    page.get_by_label("What was agreed?").fill("Ask the allotment society about a raised bed")
    page.get_by_label("The person", exact=True).check()
    page.get_by_role("button", name="Add the action").click()
    page.get_by_role("link", name="Continue").click()
    page.get_by_label("Resolved: nothing more is needed from us now").check()
    save_and_continue(page)

    # Read back with her before it is submitted.
    expect(page.get_by_role("heading", name="Reading it back with them")).to_be_visible()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("In person").check()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("They agreed with it").check()
    page.get_by_label("What matters to them").check()
    page.get_by_role("button", name="Save and check the record").click()

    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.display_name)
    assert Conversation.objects.get().status == Conversation.Status.SUBMITTED

    page.get_by_role("link", name="Their own copy: what matters to me").click()
    expect(page.get_by_role("heading", name="What matters to me")).to_be_visible()
    # Seen on screen, so that "hidden in print" below can fail.
    expect(page.get_by_role("link", name="Download as a PDF")).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Download as a PDF")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    page.pdf(path=str(tmp_path / "what-matters-to-me.pdf"))
    assert (tmp_path / "what-matters-to-me.pdf").stat().st_size > 1000
