import pytest
from django.urls import reverse

SIGN_IN = reverse("accounts:sign_in")


def test_it_shows_the_sign_in_page(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert b"Email address" in response.content


def test_it_sends_a_signed_out_visitor_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{SIGN_IN}?next=/"


def test_it_signs_in_by_email_whatever_its_case(client, practitioner):
    response = client.post(
        SIGN_IN, {"username": practitioner.email.upper(), "password": "a long test password"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == practitioner


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "", "password": ""}, "Enter your email address"),
        ({"username": "x@example.org", "password": ""}, "Enter your password"),
        (
            {"username": "x@example.org", "password": "wrong password here"},
            "Enter the email address and password of your account",
        ),
    ],
)
def test_it_explains_a_failed_sign_in(client, practitioner, data, message):
    response = client.post(SIGN_IN, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: Sign in" in page
    assert data["username"] in page or not data["username"]


def test_it_signs_out_only_by_post(client, practitioner):
    client.force_login(practitioner)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    response = client.post(reverse("accounts:sign_out"))
    assert response.url == SIGN_IN
    assert client.get(reverse("home")).status_code == 302


def test_it_refuses_a_closed_account(client, practitioner):
    practitioner.is_active = False
    practitioner.save()
    response = client.post(
        SIGN_IN, {"username": practitioner.email, "password": "a long test password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
