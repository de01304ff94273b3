"""An administrator brings a practitioner on, who sets her password from the emailed link,
sets up a second factor and signs in with it; and lets a leaver go, whose people the lead
then reallocates."""

import re

from django.core import mail
from playwright.sync_api import expect

from accounts.models import User

from .conftest import app_code

NEW_PASSWORD = "a different long password"


def test_an_administrator_adds_a_practitioner_and_reallocates_a_leavers_people(
    sign_in, administrator, team_lead, practitioner, person
):
    page = sign_in(administrator)
    page.get_by_role("link", name="Staff", exact=True).click()
    page.get_by_role("link", name="Add a member of staff").click()
    page.get_by_label("Full name").fill("Wilhelmina Crabtree")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Select at least one role").first).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Wilhelmina Crabtree")
    page.get_by_label("Email address").fill("Wilhelmina@example.org")
    page.get_by_label("North locality team").check()
    page.get_by_label("Practitioner", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("has been added and sent a link to set their password")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # The link emailed, opened in the browser: it sets the new member's password.
    link = re.search(r"http://\S+", str(mail.outbox[-1].body)).group(0)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("heading", name="Your password has been set")).to_be_visible()
    page.get_by_role("link", name="Sign in with your new password").click()
    page.get_by_label("Email address").fill("wilhelmina@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="People", exact=True)).to_be_visible()
    # She sets up a second factor (optional for a practitioner), and signs in with it.
    page.get_by_role("link", name="Your second factor").click()
    page.get_by_role("link", name="Set up an authenticator app").click()
    secret = page.locator("[data-secret]").inner_text()
    page.get_by_label("Code from the app").fill(app_code(secret))
    page.get_by_role("button", name="Set up the app").click()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name="I have kept my codes: continue").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Email address").fill("wilhelmina@example.org")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_label("Code").fill(app_code(secret, steps=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # A leaver: deactivated, their person is listed for their lead to reallocate.
    sign_in(administrator)
    page.get_by_role("link", name="Staff", exact=True).click()
    page.get_by_role("link", name=practitioner.full_name).click()
    page.get_by_role("link", name=re.compile("^Deactivate")).click()
    page.get_by_label("They have left").check()
    page.get_by_role("button", name="Deactivate their account").click()
    expect(page.get_by_text("has been deactivated and they are signed out")).to_be_visible()
    expect(page.get_by_text("Deactivated: they have left")).to_be_visible()
    assert not User.objects.get(pk=practitioner.pk).is_active
    page.get_by_role("button", name="Sign out").click()

    sign_in(team_lead)
    page.get_by_role("link", name="People our team works with").first.click()
    expect(page.get_by_role("heading", name="People to reallocate")).to_be_visible()
    page.get_by_role("link", name=f"Reallocate {person.display_name}").first.click()
    expect(page.get_by_role("heading", name=re.compile("Allocate|allocate"))).to_be_visible()
