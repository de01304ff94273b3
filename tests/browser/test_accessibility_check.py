"""The browser fixture itself: axe must run on every page and see real problems."""


def test_it_checks_every_page_the_journey_loads(accessibility, sign_in, practitioner):
    sign_in(practitioner)
    accessibility.settle()
    assert accessibility.checked[0].endswith("/sign-in/")
    assert accessibility.checked[-1].endswith("/")
    assert len(accessibility.checked) == 2


def test_it_reports_a_violation(accessibility):
    accessibility.page.set_content('<html lang="en"><title>t</title><img src="x.png"></html>')
    accessibility.settle()
    assert "image-alt" in accessibility.violations[0]
    accessibility.violations.clear()  # seen, so the fixture's own check passes
