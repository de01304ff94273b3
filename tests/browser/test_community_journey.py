import datetime

from playwright.sync_api import expect

from community.models import Connection
from tests.factories import CommunityResourceFactory


def test_an_administrator_verifies_and_a_practitioner_connects(
    browser, live_server, accessibility, administrator, practitioner, person
):
    CommunityResourceFactory(
        name="St Chad's lunch club",
        description="Hot lunch and company",
        last_verified=datetime.date(2020, 1, 1),
    )
    page = accessibility.page
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(administrator.email)
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Freshness review").click()
    page.get_by_role("link", name="Change St Chad's lunch club").click()
    page.get_by_label("Opening times").fill("Thursdays 12 to 2pm")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Mark as checked today").click()
    expect(page.get_by_text("Checked today", exact=True)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    page.get_by_label("Email address").fill(practitioner.email)
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/people/{person.code}/")
    page.get_by_role("link", name="Find a community resource to connect them with").click()
    page.get_by_label("Search").fill("lunch")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"Connect {person.display_name}").click()
    page.get_by_label("Introduced").check()
    page.get_by_role("button", name="Save the connection").click()
    expect(page.get_by_role("link", name="St Chad's lunch club", exact=True)).to_be_visible()
    assert Connection.objects.get().status == "introduced"
