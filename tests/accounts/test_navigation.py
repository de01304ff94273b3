import pytest
from django.urls import reverse


def nav_labels(response) -> list[str]:
    return [item["label"] for item in response.context["navigation"]]


@pytest.mark.parametrize(
    ("cast", "expected"),
    [
        ("practitioner", ["Home", "People"]),
        ("team_lead", ["Home", "People"]),
        ("administrator", ["Home"]),
    ],
)
def test_it_shows_each_role_only_its_own_links(client, db, request, cast, expected):
    client.force_login(request.getfixturevalue(cast))
    assert nav_labels(client.get(reverse("home"))) == expected


def test_it_marks_the_current_page(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("home"))
    assert 'aria-current="page"' in response.content.decode()


def test_it_shows_no_navigation_when_signed_out(client, db):
    response = client.get(reverse("accounts:sign_in"))
    assert response.context["navigation"] == []
    assert b"Sign out" not in response.content
