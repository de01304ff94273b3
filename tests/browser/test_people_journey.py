from playwright.sync_api import expect

from people.models import Person


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_a_practitioner_adds_finds_and_edits_a_person(sign_in, practitioner):
    page = sign_in(practitioner)
    page.get_by_role("link", name="add a person").click()

    page.get_by_label("What they like to be called").fill("Maggie")
    page.get_by_label("First names").fill("Margaret")
    page.get_by_label("Last name").fill("Doyle")
    fill_date(page, "Date of birth", "12", "3", "1941")
    page.get_by_label("NHS number").fill("943 476 5918")
    page.get_by_label("Postcode").fill("ls6 2qt")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_contain_text("Enter a valid NHS number")
    expect(page.get_by_label("First names")).to_have_value("Margaret")
    page.get_by_label("NHS number").fill("943 476 5919")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maggie Doyle")

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_label("Search").fill("ls6 2qt")
    page.get_by_role("button", name="Apply").click()
    page.get_by_role("link", name="Maggie Doyle").click()

    page.get_by_role("link", name="Change what they like to be called").click()
    page.get_by_label("What they like to be called").fill("Mags")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mags Doyle")
    assert Person.objects.get().preferred_name == "Mags"


def test_the_keyboard_alone_reaches_the_form(sign_in, practitioner):
    page = sign_in(practitioner)
    page.goto("/people/add/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("What they like to be called")).to_be_focused()
