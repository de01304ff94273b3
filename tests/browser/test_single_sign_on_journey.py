"""Signing in with the council's account in the browser, through a real OpenID Connect
provider's own sign-in page on loopback (tests/single_sign_on/provider). axe checks our
pages only: the provider's are the council's, not ours."""

import pytest
from playwright.sync_api import Page, expect

from tests.single_sign_on.council_provider import CALLBACK_PATH, council_provider, point_at


@pytest.fixture(scope="module")
def provider(live_server):
    with council_provider([f"{live_server.url}{CALLBACK_PATH}"]) as issuer:
        yield issuer


@pytest.fixture
def single_sign_on(settings, provider):
    point_at(settings, provider)
    return provider


def sign_in_at_provider(page: Page, email: str) -> None:
    page.get_by_role("button", name="Sign in with your council account", exact=True).click()
    # The provider's own page: any password; the login is the email address it vouches for.
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("their council password")
    page.get_by_role("button", name="Sign-in").click()


def test_it_signs_a_practitioner_in_with_their_council_account(
    page, single_sign_on, practitioner, person
):
    page.goto("/people/")
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    sign_in_at_provider(page, practitioner.email)
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
    expect(page.get_by_text(person.display_name)).to_be_visible()


def test_it_tells_someone_unknown_here_to_ask_their_administrator(page, single_sign_on, db):
    page.goto("/sign-in/")
    sign_in_at_provider(page, "stranger@example.org")
    expect(page.get_by_role("heading", name="We do not know you here")).to_be_visible()
    expect(page.get_by_text("stranger@example.org")).to_be_visible()
    page.get_by_role("link", name="Back to sign in").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
