"""Information governance restricts a member of staff's record; a colleague of the team can no
longer find it, the named practitioner can and sees why; a death closes a record and its
letters stop."""

from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import UserFactory


def test_a_restricted_record_is_found_only_by_the_staff_it_names(
    sign_in, information_governance, person, practitioner, team
):
    colleague = UserFactory(full_name="Cora Lindqvist", teams=[team], roles=[Role.PRACTITIONER])
    page = sign_in(information_governance)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Access log").click()
    page.get_by_label("Name or NHS number").fill(person.family_name)
    page.get_by_label("Name or NHS number").press("Enter")
    page.get_by_role("link", name=person.display_name).first.click()
    page.get_by_role("link", name="Restrict this record").click()
    # Keyboard only: the reason, then the named staff (their practitioner already ticked).
    page.get_by_label("They are a member of staff").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Priya Shah (North locality team)")).to_be_checked()
    page.get_by_role("button", name="Save the restriction").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Restricted record")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Restricted records"
    ).click()
    expect(page.get_by_role("row", name=person.display_name)).to_contain_text("Priya Shah")

    page = sign_in(colleague)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="People").click()
    page.get_by_label("Search").fill(person.family_name)
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name=person.display_name)).to_have_count(0)

    page = sign_in(practitioner)
    page.get_by_role("link", name=person.display_name).first.click()
    expect(page.get_by_role("region", name="Restricted record")).to_contain_text(
        "They are a member of staff"
    )


def test_a_record_is_closed_on_a_death(sign_in, person, practitioner):
    page = sign_in(practitioner)
    page.get_by_role("link", name=person.display_name).first.click()
    page.get_by_role("link", name="Close the record").click()
    page.get_by_label("They died").check()
    page.get_by_role("button", name="Close the record").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the date of death")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Close the record").click()
    summary = page.get_by_role("definition").filter(has_text="3 November 2026")
    expect(summary).to_have_count(1)
    expect(page.get_by_text("They died")).to_be_visible()
