"""Signing in with the council's account, through a real OpenID Connect provider on
loopback: our page sends the browser there, the test signs in on the provider's page over
HTTP, and the Django test client takes the provider's answer back to us."""

import re
from urllib.parse import urljoin

import requests
from axes.models import AccessFailureLog
from django.urls import reverse

from accounts.models import User
from accounts.sessions import SIGNED_IN_AT
from single_sign_on.views import PROVIDER, SIGNED_IN_WITH

from ..factories import UserFactory
from .council_provider import sent_back, signed_in_at_provider

SIGN_IN = reverse("accounts:sign_in")
START = reverse("single_sign_on:start")
BUTTON = "Sign in with your council account"


def sign_in_through_provider(client, email: str, issuer: str, **params):
    """Our start page, the provider's sign-in page as `email`, and our page it sends back to."""
    to_provider = client.get(START, params)
    assert to_provider.status_code == 302 and to_provider.url.startswith(issuer)
    return client.get(signed_in_at_provider(to_provider.url, email, issuer))


def test_it_signs_in_the_account_with_the_email_the_provider_gives(
    client, single_sign_on, team, practitioner
):
    roles = set(practitioner.groups.values_list("name", flat=True))
    response = sign_in_through_provider(client, practitioner.email.upper(), single_sign_on)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.session[SIGNED_IN_WITH] == PROVIDER
    assert SIGNED_IN_AT in client.session
    assert client.get(reverse("home")).context["user"] == practitioner
    # Roles and teams are ours: sign-in neither adds nor takes away any.
    assert set(practitioner.groups.values_list("name", flat=True)) == roles
    assert list(practitioner.teams.all()) == [team]


def test_it_goes_on_to_the_page_asked_for(client, single_sign_on, practitioner):
    asked_for = client.get(reverse("people:list"))
    assert asked_for.url == f"{SIGN_IN}?next=/people/"
    response = sign_in_through_provider(client, practitioner.email, single_sign_on, next="/people/")
    assert response.url == "/people/"


def test_it_refuses_someone_unknown_here(client, single_sign_on, practitioner):
    accounts = User.objects.count()
    response = sign_in_through_provider(client, "stranger@example.org", single_sign_on)
    assert response.status_code == 403
    page = response.content.decode()
    assert "We do not know you here" in page
    assert "stranger@example.org" in page and "Ask your administrator" in page
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == accounts
    # Not a wrong password: nothing for django-axes to count towards locking sign-in.
    assert not AccessFailureLog.objects.exists()


def test_it_refuses_a_closed_account(client, single_sign_on, practitioner):
    practitioner.is_active = False
    practitioner.save()
    response = sign_in_through_provider(client, practitioner.email, single_sign_on)
    assert response.status_code == 403
    assert "We do not know you here" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_signs_out_an_account_closed_while_signed_in(client, single_sign_on, practitioner):
    sign_in_through_provider(client, practitioner.email, single_sign_on)
    practitioner.is_active = False
    practitioner.save()
    assert client.get(reverse("home")).url == f"{SIGN_IN}?next=/"


def test_it_refuses_when_two_accounts_differ_only_in_case(client, single_sign_on, practitioner):
    # The provider's email must name one account; the model stores emails as given.
    UserFactory(email=practitioner.email.upper())
    response = sign_in_through_provider(client, practitioner.email, single_sign_on)
    assert response.status_code == 302 and response.url == SIGN_IN
    assert "_auth_user_id" not in client.session


def test_it_takes_someone_who_cancels_at_the_provider_back_to_sign_in(
    client, single_sign_on, practitioner
):
    to_provider = client.get(START)
    browser = requests.Session()
    page = browser.get(to_provider.url, timeout=10)
    cancel = re.search(r'<a href="([^"]+)">\[ Cancel \]', page.text)[1]
    answer = browser.get(urljoin(page.url, cancel), allow_redirects=False, timeout=10)
    response = client.get(sent_back(browser, answer, single_sign_on))
    assert response.url == SIGN_IN
    assert "did not work" in client.get(SIGN_IN).content.decode()
    assert "_auth_user_id" not in client.session


def test_it_still_signs_in_by_password(client, single_sign_on, practitioner):
    response = client.post(
        SIGN_IN, {"username": practitioner.email, "password": "a long test password"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == practitioner


def test_it_offers_the_council_account_when_set_up(client, single_sign_on, db):
    page = client.get(SIGN_IN, {"next": "/people/"}).content.decode()
    assert BUTTON in page
    assert f'href="{START}?next=/people/"' in page


def test_it_is_not_there_when_not_set_up(client, db):
    assert BUTTON not in client.get(SIGN_IN).content.decode()
    assert client.get(START).status_code == 404
    assert client.get(reverse("single_sign_on:callback")).status_code == 404
