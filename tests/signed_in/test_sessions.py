"""Each user sees the browsers signed in as them and signs the others out; an administrator
signs a member of staff out everywhere."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from signed_in.models import SignedInSession
from signed_in.services import NOTED_AT, sessions_end_for_user

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
PASSWORD = "a long test password"


def browser(user, agent: str = FIREFOX) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    client.post(reverse("accounts:sign_in"), {"username": user.email, "password": PASSWORD})
    return client


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("signed_in:list")).status_code == 200


@pytest.fixture
def two_browsers(practitioner):
    return browser(practitioner, FIREFOX), browser(practitioner, SAFARI)


def test_it_lists_the_browsers_signed_in_with_this_one_marked(two_browsers):
    laptop, phone = two_browsers
    page = laptop.get(reverse("signed_in:list")).content.decode()
    assert "Firefox on Windows" in page and "Safari on iPhone" in page
    assert page.count("This browser") == 1
    marked = next(row for row in page.split("</tr>") if "This browser" in row)
    assert "Firefox on Windows" in marked and "Sign out" not in marked


def test_it_lists_no_one_elses_sessions(two_browsers, other_practitioner):
    browser(other_practitioner, "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36")
    page = two_browsers[0].get(reverse("signed_in:list")).content.decode()
    assert "Chrome on Linux" not in page


def test_it_signs_another_browser_out_at_its_next_request(two_browsers, practitioner):
    laptop, phone = two_browsers
    other = SignedInSession.objects.get(user=practitioner, browser="Safari on iPhone")
    response = laptop.post(reverse("signed_in:end", args=[other.code]))
    assert response.status_code == 302
    assert not is_signed_in(phone)
    assert is_signed_in(laptop)
    other.refresh_from_db()
    assert other.ended_at is not None and other.ended_by == practitioner
    assert "Safari on iPhone" not in laptop.get(reverse("signed_in:list")).content.decode()


def test_it_never_ends_this_browser_by_its_button(two_browsers, practitioner):
    laptop, _ = two_browsers
    this = SignedInSession.objects.get(user=practitioner, browser="Firefox on Windows")
    assert laptop.post(reverse("signed_in:end", args=[this.code])).status_code == 404
    assert is_signed_in(laptop)


def test_it_signs_out_all_the_other_browsers(practitioner, two_browsers):
    laptop, phone = two_browsers
    tablet = browser(practitioner, "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) Safari/604.1")
    assert laptop.post(reverse("signed_in:end_others")).status_code == 302
    assert not is_signed_in(phone) and not is_signed_in(tablet)
    assert is_signed_in(laptop)
    assert SignedInSession.objects.current().filter(user=practitioner).count() == 1


def test_no_one_ends_someone_elses_session(two_browsers, practitioner, other_practitioner):
    theirs = SignedInSession.objects.filter(user=practitioner).first()
    outsider = browser(other_practitioner)
    assert outsider.post(reverse("signed_in:end", args=[theirs.code])).status_code == 404
    assert all(is_signed_in(client) for client in two_browsers)


def test_an_administrator_signs_someone_out_everywhere(two_browsers, practitioner, administrator):
    admin = browser(administrator)
    url = reverse("signed_in:end_all_for_user", args=[practitioner.pk])
    response = admin.post(url, follow=True)
    assert "2 sessions of Priya Shah signed out" in response.content.decode()
    assert not any(is_signed_in(client) for client in two_browsers)
    assert is_signed_in(admin)


def test_only_an_administrator_signs_someone_else_out_everywhere(
    two_browsers, practitioner, team_lead, information_governance
):
    for user in [team_lead, information_governance, practitioner]:
        url = reverse("signed_in:end_all_for_user", args=[practitioner.pk])
        assert browser(user).post(url).status_code == 403
        assert (
            browser(user).get(reverse("signed_in:for_user", args=[practitioner.pk])).status_code
            == 403
        )
    assert all(is_signed_in(client) for client in two_browsers)


def test_an_administrator_sees_someones_sessions(two_browsers, practitioner, administrator):
    page = browser(administrator).get(reverse("signed_in:for_user", args=[practitioner.pk]))
    assert "Firefox on Windows" in page.content.decode()
    assert "Safari on iPhone" in page.content.decode()


def test_the_leavers_service_ends_every_session(two_browsers, practitioner, administrator):
    assert sessions_end_for_user(user=practitioner, by=administrator) == 2
    assert not any(is_signed_in(client) for client in two_browsers)
    keys = SignedInSession.objects.filter(user=practitioner).values("session_key")
    assert not Session.objects.filter(session_key__in=keys).exists()


def test_signing_out_ends_the_session_listed(two_browsers, practitioner):
    laptop, phone = two_browsers
    phone.post(reverse("accounts:sign_out"))
    page = laptop.get(reverse("signed_in:list")).content.decode()
    assert "Safari on iPhone" not in page


def test_it_notes_when_a_browser_was_last_used_at_most_once_a_minute(practitioner):
    laptop = browser(practitioner)
    noted = SignedInSession.objects.get(user=practitioner)
    laptop.get(reverse("home"))
    assert SignedInSession.objects.get(pk=noted.pk).last_used_at == noted.last_used_at
    session = laptop.session
    session[NOTED_AT] = time.time() - 61
    session.save()
    laptop.get(reverse("home"))
    assert SignedInSession.objects.get(pk=noted.pk).last_used_at > noted.last_used_at


def test_a_session_signed_in_before_they_were_noted_is_noted_at_its_next_use(practitioner):
    laptop = browser(practitioner)
    SignedInSession.objects.all().delete()
    session = laptop.session
    del session[NOTED_AT]
    session.save()
    laptop.get(reverse("home"))
    assert SignedInSession.objects.get(user=practitioner).browser == "Firefox on Windows"


def test_the_header_links_to_the_sessions_for_everyone(
    practitioner, team_lead, administrator, information_governance
):
    for user in [practitioner, team_lead, administrator, information_governance]:
        page = browser(user).get(reverse("home")).content.decode()
        assert f'href="{reverse("signed_in:list")}"' in page, user
