"""With the requirement on, a lead with no second factor reaches only the way to one."""

import pytest
from django.urls import reverse

from second_factor.middleware import OPEN_NAMESPACES, OPEN_UNTIL_ENROLLED, OPEN_VIEWS
from tests.test_every_url import ROUTES, fill, methods_of

from .helpers import sign_in

ENROL = reverse("second_factor:enrol")


def test_every_other_page_sends_a_lead_to_set_one_up(
    client, second_factor_required, team_lead, person
):
    from django.urls import resolve

    sign_in(client, team_lead)
    for route, view in ROUTES.items():
        url = fill(route, person)
        name = resolve(url).view_name
        if name in OPEN_VIEWS | OPEN_UNTIL_ENROLLED or name.split(":")[0] in OPEN_NAMESPACES:
            continue
        for method in sorted(methods_of(view) & {"GET", "POST"}):
            response = client.post(url) if method == "POST" else client.get(url)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.url.startswith(ENROL), (method, url, response.url)
    assert client.get(reverse("admin:index")).url.startswith(ENROL)


@pytest.mark.parametrize("name", ["accounts:sign_out", "accounts:session_status"])
def test_the_way_out_stays_open(name):
    assert name in OPEN_VIEWS
