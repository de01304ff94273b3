"""The browser fixture itself: axe must run on every page and see real problems."""

from urllib.parse import urlsplit

import pytest

from .conftest import sign_in_with_the_form


def test_it_checks_every_page_the_journey_loads(accessibility, page, practitioner, person):
    page.goto("/sign-in/")
    sign_in_with_the_form(page, practitioner)
    page.get_by_role("link", name=person.display_name).click()
    page.get_by_role("link", name="People", exact=True).click()
    accessibility.check()  # the last page, as the fixture does when a test ends
    paths = [urlsplit(url).path for url in accessibility.checked]
    assert paths == ["/sign-in/", "/", f"/people/{person.code}/", "/people/"]


def test_it_reports_a_violation(accessibility):
    accessibility.page.set_content('<html lang="en"><title>t</title><img src="x.png"></html>')
    accessibility.check()
    assert "image-alt" in accessibility.violations[0]
    accessibility.violations.clear()  # seen, so the fixture's own check passes


def test_it_fails_a_journey_that_left_a_page_unchecked(accessibility, page, live_server):
    # A page that moves on by itself, before the test does anything on it.
    moving_on = f'<meta http-equiv="refresh" content="0; url={live_server.url}/sign-in/">'
    page.set_content(f'<html lang="en"><title>t</title>{moving_on}</html>')
    page.wait_for_url("**/sign-in/")
    accessibility.check()
    with pytest.raises(AssertionError, match="1 pages loaded but not checked"):
        accessibility.assert_clean()
    accessibility.loaded.pop(0)  # seen, so the fixture's own check passes
