"""A team lead sets up a second factor on first signing in, then signs in with it: a code
from an authenticator app, then a passkey (Chromium's virtual authenticator, through the
DevTools protocol, stands in for the computer's own)."""

from playwright.sync_api import Page, expect

from .conftest import app_code, sign_in_with_the_form


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_a_lead_sets_up_an_authenticator_app_and_signs_in_with_it(
    page, team_lead, second_factor_required
):
    page.goto("/people/")
    sign_in_with_the_form(page, team_lead)
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    secret = page.locator("[data-secret]").inner_text()

    wrong = f"{(int(app_code(secret)) + 1) % 1_000_000:06d}"
    page.get_by_label("Code from the app").fill(wrong)
    page.get_by_role("button", name="Set up the app").click()
    expect(page.get_by_role("link", name="The code is not right")).to_be_visible()
    page.get_by_label("Code from the app").fill(app_code(secret))
    page.get_by_role("button", name="Set up the app").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    page.get_by_role("link", name="I have kept my codes: continue").click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()

    sign_out(page)
    sign_in_with_the_form(page, team_lead)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    # The code just used is refused; the next one is taken (a slow clock's allowance).
    page.get_by_label("Code").fill(app_code(secret, steps=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible()


def test_a_lead_adds_a_passkey_and_signs_in_with_it(
    page, team_lead, second_factor_required, live_server, settings
):
    # Passkeys belong to a host name: the live server's is localhost, like `make run`'s.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    page.goto("/")
    sign_in_with_the_form(page, team_lead)
    expect(page.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("heading", name="Your second factor")).to_be_visible()
    expect(page.get_by_text("Passkey", exact=True)).to_be_visible()
    held = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(held["credentials"]) == 1

    sign_out(page)
    page.goto("/people/")
    sign_in_with_the_form(page, team_lead)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", name="People", level=1)).to_be_visible()
