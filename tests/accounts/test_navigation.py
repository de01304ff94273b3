import pytest
from django.urls import reverse


def nav_labels(response) -> list[str]:
    return [item["label"] for item in response.context["navigation"]]


@pytest.mark.parametrize(
    ("cast", "expected"),
    [
        (
            "practitioner",
            [
                "Home",
                "People",
                "Community directory",
                "Supervision",
                "Reflective notes",
                "Emergency access",
                "Your signed-in sessions",
            ],
        ),
        (
            "team_lead",
            [
                "Home",
                "People",
                "Community directory",
                "Records to review",
                "People our team works with",
                "Service measures",
                "Supervision",
                "Reflective notes",
                "Emergency access",
                "Your signed-in sessions",
            ],
        ),
        (
            "administrator",
            [
                "Home",
                "Community directory",
                "Freshness review",
                "Staff",
                "Teams",
                "Failed sign-ins",
                "Moving in",
                "Your signed-in sessions",
            ],
        ),
        ("principal_social_worker", ["Home", "Quality audit", "Your signed-in sessions"]),
        (
            "information_governance",
            [
                "Home",
                "Access log",
                "Restricted records",
                "Keeping records",
                "Client Level Data",
                "Your signed-in sessions",
            ],
        ),
    ],
)
def test_it_shows_each_role_only_its_own_links(client, db, request, cast, expected):
    client.force_login(request.getfixturevalue(cast))
    assert nav_labels(client.get(reverse("home"))) == expected


def test_it_marks_the_current_page(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("home"))
    assert 'aria-current="page"' in response.content.decode()


def test_it_shows_no_navigation_when_signed_out(client, practitioner):
    response = client.get(reverse("accounts:sign_in"))
    assert response.context["navigation"] == []
    assert b"Sign out" not in response.content
    client.force_login(practitioner)
    assert b"Sign out" in client.get(reverse("home")).content


def test_it_marks_only_the_most_specific_link(client, administrator):
    client.force_login(administrator)
    items = client.get(reverse("community:review")).context["navigation"]
    assert [item["label"] for item in items if item["active"]] == ["Freshness review"]
