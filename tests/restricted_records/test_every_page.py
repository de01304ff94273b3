"""Every page about a restricted person answers 404 to a colleague of their own team whom the
restriction does not name, and 200 (or a redirect) to the practitioner it names: the URL
walk's routes, so that a page added later is checked without anyone remembering to."""

from tests.test_every_url import (
    AUDITED_BY_INFORMATION_GOVERNANCE,
    NOT_ABOUT_A_PERSON,
    ROUTES,
    fill,
    methods_of,
    signed_in,
)

ABOUT_A_PERSON = sorted(
    route
    for route in ROUTES
    if "<uuid:code>" in route
    and not route.startswith(NOT_ABOUT_A_PERSON)
    and route not in AUDITED_BY_INFORMATION_GOVERNANCE
    and "GET" in methods_of(ROUTES[route])
)


def test_it_walks_the_pages_about_a_person():
    assert "people/<uuid:code>/" in ABOUT_A_PERSON and "case-notes/<uuid:code>/" in ABOUT_A_PERSON
    assert len(ABOUT_A_PERSON) > 60


def test_a_restricted_record_opens_only_to_the_staff_it_names(
    person, practitioner, team_lead, principal_social_worker, colleague, information_governance
):
    from accounts.models import Restriction

    # Each route filled once, before the restriction (filling reuses what it made before).
    urls = [fill(route, person) for route in ABOUT_A_PERSON]
    restriction = Restriction.objects.create(
        person=person, reason="member_of_staff", restricted_by=information_governance
    )
    # Each page is for one of them: their practitioner, their lead (a review), or the
    # principal social worker (a record drawn for the quality audit).
    named = [practitioner, team_lead, principal_social_worker]
    restriction.named_staff.set(named)
    browsers = [signed_in(user) for user in named]
    outsider = signed_in(colleague)
    for url in urls:
        status = outsider.get(url).status_code
        assert status == 404, f"{url}: {status}"
        assert {browser.get(url).status_code for browser in browsers} & {200, 302}, url
