from playwright.sync_api import expect

from .conftest import sign_in_with_the_form


def test_it_signs_a_practitioner_in_to_their_home_page(page, practitioner, person):
    page.goto("/sign-in/")
    sign_in_with_the_form(page, practitioner)
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()
    expect(page.get_by_text(person.display_name)).to_be_visible()


def test_it_shows_an_error_summary_for_a_wrong_password(page, practitioner):
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(practitioner.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    expect(page).to_have_title("Error: Sign in – What matters")


def test_it_signs_out(sign_in, practitioner):
    page = sign_in(practitioner)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
