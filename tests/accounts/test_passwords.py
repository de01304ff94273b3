"""Changing one's own password, and resetting a forgotten one by an emailed link."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

CHANGE = reverse("accounts:password_change")
RESET = reverse("accounts:password_reset")
PASSWORD = "a long test password"
NEW = "heron kettle marmalade"


def change(client, old=PASSWORD, new=NEW, again=NEW):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": again})


def test_it_changes_a_password_and_keeps_them_signed_in(client, practitioner):
    client.force_login(practitioner)
    assert change(client).url == reverse("accounts:password_change_done")
    practitioner.refresh_from_db()
    assert practitioner.check_password(NEW)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({"old": "not my password"}, "Your current password is not right"),
        ({"again": "heron kettle marmalad"}, "Enter the same new password in both boxes"),
        ({"new": "short one", "again": "short one"}, "Password must be 12 characters or more"),
        ({"new": "password1234", "again": "password1234"}, "Password is too common"),
        ({"new": "1234567890123", "again": "1234567890123"}, "must not be only numbers"),
        ({"old": "", "new": "", "again": ""}, "Enter your current password"),
    ],
)
def test_it_explains_a_refused_change_and_changes_nothing(client, practitioner, sent, message):
    client.force_login(practitioner)
    page = change(client, **sent).content.decode()
    assert "There is a problem" in page and message in page
    assert "<title>Error: Change your password" in page and "govuk-error-message" in page
    practitioner.refresh_from_db()
    assert practitioner.check_password(PASSWORD)


def test_the_reset_page_says_the_same_whether_or_not_the_address_has_an_account(
    client, practitioner
):
    known = client.post(RESET, {"email": practitioner.email.upper()}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert "If an account uses that email address" in known.content.decode()
    assert [message.to for message in mail.outbox] == [[practitioner.email]]


def test_it_explains_an_address_that_is_not_one(client, db):
    page = client.post(RESET, {"email": "not an address"}).content.decode()
    assert "There is a problem" in page and "Enter an email address in the correct format" in page
    assert not mail.outbox


def emailed_link(client, user) -> str:
    client.post(RESET, {"email": user.email})
    return re.search(r"https?://[^/]+(/\S+)", str(mail.outbox[-1].body)).group(1)


def set_password(client, link: str, password: str = NEW):
    form = client.get(link, follow=True)
    url = form.redirect_chain[-1][0] if form.redirect_chain else link
    return client.post(url, {"new_password1": password, "new_password2": password})


def test_the_link_sets_a_new_password_once(client, practitioner):
    link = emailed_link(client, practitioner)
    assert set_password(client, link).url == reverse("accounts:password_reset_complete")
    practitioner.refresh_from_db()
    assert practitioner.check_password(NEW)
    again = client.get(link, follow=True).content.decode()
    assert "This link does not work" in again
    assert "set-password" not in again


def test_the_link_checks_the_new_password_like_any_other(client, practitioner):
    page = set_password(client, emailed_link(client, practitioner), "short one").content
    assert "Password must be 12 characters or more" in page.decode()
    practitioner.refresh_from_db()
    assert practitioner.check_password(PASSWORD)


def test_an_expired_link_is_refused(client, practitioner, settings, monkeypatch):
    link = emailed_link(client, practitioner)
    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    assert "This link does not work" in client.get(link, follow=True).content.decode()
    assert set_password(client, link).status_code == 200
    practitioner.refresh_from_db()
    assert practitioner.check_password(PASSWORD)


def test_a_link_still_works_just_before_it_expires(client, practitioner, settings, monkeypatch):
    link = emailed_link(client, practitioner)
    soon = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT - 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: soon)
    assert set_password(client, link).url == reverse("accounts:password_reset_complete")


def test_the_link_works_for_the_hours_set(settings):
    from config import settings as configured

    assert configured.PASSWORD_RESET_TIMEOUT == 72 * 60 * 60


def test_signed_out_people_reach_the_reset_pages_and_the_sign_in_page_links_there(client, db):
    assert client.get(RESET).status_code == 200
    assert RESET in client.get(reverse("accounts:sign_in")).content.decode()
