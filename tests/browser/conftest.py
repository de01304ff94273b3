"""Headless Chromium for the browser journeys, with axe-core run on every page.

Each page load is checked against WCAG 2.2 AA as it happens; a test fails on
any violation. Outside CI the journeys skip with a clear message when no
Chromium is installed; under CI (CI=true) that is a failure.
"""

import importlib
import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from playwright.sync_api import Page, sync_playwright

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
    """Runs axe on each page as it loads and keeps what it finds."""

    def __init__(self, page: Page):
        self.page = page
        self.axe = Axe()
        self.checked: list[str] = []
        self.violations: list[str] = []
        self.running = 0

    def check(self) -> None:
        self.running += 1
        try:
            results = self.axe.run(self.page, options=AXE_OPTIONS)
            self.checked.append(self.page.url)
            if results.violations_count:
                self.violations.append(f"{self.page.url}\n{results.generate_report()}")
        finally:
            self.running -= 1

    def settle(self) -> None:
        """Wait for the checks that page loads have started to finish.

        Playwright runs a load handler only while the test is inside another
        Playwright call, so a check can still be under way when a step returns.
        """
        self.page.wait_for_load_state()
        while self.running:
            self.page.wait_for_timeout(20)

    def assert_clean(self) -> None:
        assert self.checked, "axe checked no page"
        assert not self.violations, "\n\n".join(self.violations)


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """Puts back the groups that a migration made and each test's flush removed.

    (Serialized rollback cannot do it here: once Playwright's event loop runs,
    Django keeps its connections in a different, async-context store.)
    """
    role_groups = importlib.import_module("accounts.migrations.0002_role_groups")
    role_groups.create_role_groups(django_apps, schema_editor=None)
    access_log = importlib.import_module("accounts.migrations.0003_access_log_permission")
    access_log.grant_access_log_permission(django_apps, schema_editor=None)
    export = importlib.import_module("accounts.migrations.0004_export_personal_data_permission")
    export.grant_export_permission(django_apps, schema_editor=None)
    governance = importlib.import_module("accounts.migrations.0006_information_governance_role")
    governance.create_information_governance(django_apps, schema_editor=None)


@pytest.fixture
def accessibility(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log = AccessibilityLog(page)
    page.on("load", lambda _: log.check())
    # Anything the Content Security Policy blocks would be a feature broken in production.
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield log
    log.settle()
    context.close()
    log.assert_clean()
    assert not blocked, blocked


@pytest.fixture
def page(accessibility) -> Page:
    return accessibility.page


@pytest.fixture
def sign_in(page):
    def sign_in_as(user) -> Page:
        page.goto("/sign-in/")
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")
        return page

    return sign_in_as
