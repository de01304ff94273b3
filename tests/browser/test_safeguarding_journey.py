from playwright.sync_api import expect

from safeguarding.models import SafeguardingConcern


def answer(page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question, exact=True).get_by_label(choice, exact=True).check()


def test_a_practitioner_records_a_concern_sees_it_on_the_persons_page_and_closes_it(
    sign_in, practitioner, person
):
    page = sign_in(practitioner)
    page.goto(f"/people/{person.code}/")
    expect(page.get_by_text("Open safeguarding concern")).to_have_count(0)
    page.get_by_role("link", name="Record a safeguarding concern").click()
    page.get_by_role("button", name="Save the concern").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter what the concern is")

    page.get_by_label("What is the concern?").fill("Her lodger takes her pension book")
    page.get_by_label("Who was told?").fill("The safeguarding adults team")
    answer(page, "Do they have needs for care and support?", "Yes")
    answer(page, "Are they experiencing, or at risk of, abuse or neglect?", "Yes")
    answer(page, "Will enquiries be made?", "Make enquiries (section 42(2))")
    page.get_by_label("What do they want to happen?").fill("I want my book back")
    answer(page, "Independent advocate", "Appointed")
    page.get_by_role("button", name="Save the concern").click()
    # The reasons and the advocate are asked for; what was typed stays.
    expect(page.get_by_role("alert")).to_contain_text("Enter the reasons for the decision")
    expect(page.get_by_role("alert")).to_contain_text("Enter the advocate's name")
    expect(page.get_by_label("What do they want to happen?")).to_have_value("I want my book back")

    page.get_by_label("Reasons for the decision").fill("All three conditions look to be met")
    page.get_by_label("Advocate's name").fill("Ottoline Brackenbury")
    page.get_by_label("Advocate's organisation").fill("Leeds Advocacy")
    # The last answer, and the button, by keyboard.
    page.get_by_label("What happened next?").fill("Strategy discussion booked")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save the concern")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Safeguarding concern")).to_contain_text("Open")
    expect(page.get_by_text("Ottoline Brackenbury")).to_be_visible()

    page.get_by_role("link", name=person.display_name).click()
    banner = page.get_by_role("region", name="Open safeguarding concern")
    expect(banner).to_be_visible()
    banner.get_by_role("link", name="Safeguarding concern raised on").click()
    page.get_by_role("link", name="Close the concern").click()
    page.get_by_label("Why is it being closed?").fill("The lodger has moved out; she is safe")
    page.get_by_role("button", name="Close the concern").click()
    expect(page.get_by_role("heading", name="Safeguarding concern")).to_contain_text("Closed")
    expect(page.get_by_role("link", name="Change the concern")).to_have_count(0)
    assert not SafeguardingConcern.objects.get().is_open

    page.get_by_role("link", name=person.display_name).click()
    expect(page.get_by_role("region", name="Open safeguarding concern")).to_have_count(0)
    page.get_by_role("link", name="Safeguarding concerns", exact=True).click()
    expect(page.get_by_role("row", name="Her lodger takes her pension book")).to_contain_text(
        "Closed"
    )
