"""Headless Chromium for the browser journeys, with axe-core run on every page.

Every page a journey loads is checked against WCAG 2.2 AA: before the test's
next action on it (a click, a key, typing, going to another address) and, for
the last page, when the test ends. So a check never races the journey to the
next page, and a page loaded but never checked fails the test, as does any
violation. axe is put in every page before the page's own scripts run, and a
page whose HTML is the same as one already checked in this run is not checked
again: it would find the same. "The same" sets aside the CSRF token, the words
of each piece of text (not whether there is any) and the codes in addresses:
the same page for another person, or with another name typed, is the same to
axe, whose rules are about elements, their attributes, names and colours. Outside CI the journeys
skip with a clear message when no Chromium is installed; under CI (CI=true)
that is a failure.
"""

import os
import shutil
from base64 import b32decode

import pytest
from axe_playwright_python.base import AXE_FILE_PATH, AxeResults
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from playwright.sync_api import Error, Keyboard, Locator, Page, sync_playwright

from tests.migration_data import put_back_migration_data

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
PASSWORD = "a long test password"
# Checks the page showing, unless it was checked already or is the browser's first, blank
# page: a hash of its HTML (cyrb53, with its length; text and codes in addresses set aside),
# and what axe finds unless a page with the same HTML was checked in this run.
CHECK = """async ({axeOptions, known, ours}) => {
    if (document.readyState !== "complete") return "loading";
    if (location.protocol.startsWith("http") && location.origin !== ours) return null;
    if (window.axeChecked || !document.body?.childElementCount) return null;
    window.axeChecked = true;
    const html = document.documentElement.outerHTML
        .replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, "")
        .replace(/>[^<]*[^<\\s][^<]*</g, ">t<")
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "u");
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < html.length; i++) {
        const c = html.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const key = `${html.length}:${(h2 >>> 0).toString(16)}${(h1 >>> 0).toString(16)}`;
    const results = known.includes(key) ? null : await axe.run(document, axeOptions);
    return {key, url: location.href, results};
}"""
# What axe found on each page checked in this run, by a hash of the page's HTML.
FOUND_BY_PAGE: dict[str, str] = {}
# The test's actions that act on a page, or leave it: each checks the page first.
ACTIONS = {
    Page: ["goto", "reload", "go_back", "go_forward", "set_content", "click", "press"],
    Locator: [
        "click",
        "dblclick",
        "press",
        "press_sequentially",
        "fill",
        "check",
        "uncheck",
        "set_checked",
        "select_option",
        "set_input_files",
        "tap",
    ],
    Keyboard: ["press", "type", "insert_text"],
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Marked before pytest-django orders the tests, so that these run last: the
    # live server's thread sees only committed data.
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message.replace("skipped", "cannot run under CI"))
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class AccessibilityLog:
    """Runs axe on each page a journey loads, and keeps what it finds."""

    def __init__(self, page: Page, ours: str):
        self.page = page
        # Only our pages are checked: not another site's (the council's identity provider).
        self.ours = ours
        self.loaded: list[str] = []
        self.checked: list[str] = []
        self.violations: list[str] = []
        # Counted as they happen, with no call into the browser (which could race the test).
        page.on("load", self.count_load)

    def count_load(self, loaded: Page) -> None:
        url = loaded.url
        if not url.startswith("http") or url.startswith(f"{self.ours}/"):
            self.loaded.append(url)

    def check(self) -> None:
        """Checks the page now showing, once it has loaded, if it has not been checked."""
        for _ in range(5):
            self.page.wait_for_load_state()
            try:
                found = self.page.evaluate(
                    CHECK,
                    {"axeOptions": AXE_OPTIONS, "known": list(FOUND_BY_PAGE), "ours": self.ours},
                )
            except Error as error:
                # The last action's navigation was under way (Enter pressed in a form): the
                # page it left was checked before that action; the new one is checked now.
                if "Execution context was destroyed" not in error.message:
                    raise
                continue
            if found != "loading":
                break
        else:
            raise AssertionError(f"{self.page.url} never finished loading to be checked")
        if found is None:
            return
        if found["results"] is not None:
            results = AxeResults(found["results"])
            FOUND_BY_PAGE[found["key"]] = (
                results.generate_report() if results.violations_count else ""
            )
        self.checked.append(found["url"])
        if FOUND_BY_PAGE[found["key"]]:
            self.violations.append(f"{found['url']}\n{FOUND_BY_PAGE[found['key']]}")

    def checking_first(self, action):
        def act(*args, **kwargs):
            self.check()
            return action(*args, **kwargs)

        return act

    def assert_clean(self) -> None:
        assert self.checked, "axe checked no page"
        unchecked = len(self.loaded) - len(self.checked)
        assert not unchecked, f"{unchecked} pages loaded but not checked: {self.loaded}"
        assert not self.violations, "\n\n".join(self.violations)


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """Puts back the groups that a migration made and each test's flush removed.

    (Serialized rollback cannot do it here: once Playwright's event loop runs,
    Django keeps its connections in a different, async-context store.)
    """
    put_back_migration_data()


@pytest.fixture
def accessibility(browser, live_server, monkeypatch):
    context = browser.new_context(base_url=live_server.url)
    # axe is in every page before the page's own scripts (and its Content Security Policy).
    context.add_init_script(path=AXE_FILE_PATH)
    page = context.new_page()
    log = AccessibilityLog(page, live_server.url)
    for kind, names in ACTIONS.items():
        for name in names:
            monkeypatch.setattr(kind, name, log.checking_first(getattr(kind, name)))
    # Anything the Content Security Policy blocks would be a feature broken in production.
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield log
    log.check()
    context.close()
    log.assert_clean()
    assert not blocked, blocked


@pytest.fixture
def page(accessibility) -> Page:
    return accessibility.page


@pytest.fixture
def sign_in(page, live_server):
    """Signs in by the session cookie and opens the home page: the sign-in page itself is
    walked by tests/browser/test_sign_in.py."""

    def sign_in_as(user) -> Page:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        page.goto("/")
        return page

    return sign_in_as


def sign_in_with_the_form(page: Page, user) -> Page:
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def app_code(secret: str, steps: int = 0) -> str:
    """What an authenticator app shows for a second factor's secret as the page showed it
    (`steps` ahead: the next code, for a sign-in just after setting it up)."""
    return f"{totp(b32decode(secret.replace(' ', '')), drift=steps):06d}"
