import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

SIGN_IN = reverse("accounts:sign_in")
WRONG = {"password": "not the password at all"}
ROOT = Path(__file__).resolve().parents[2]


def fail(client, email: str, times: int):
    for _ in range(times):
        response = client.post(SIGN_IN, {"username": email, **WRONG})
    return response


def test_it_locks_sign_in_after_five_failures(client, practitioner):
    assert fail(client, practitioner.email, 4).status_code == 200
    locked = fail(client, practitioner.email.upper(), 1)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign in is locked for now" in page and "for 15 minutes" in page
    right = client.post(
        SIGN_IN, {"username": practitioner.email, "password": "a long test password"}
    )
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cool_off(client, practitioner, settings):
    import datetime

    from axes.models import AccessAttempt

    fail(client, practitioner.email, 5)
    AccessAttempt.objects.update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    right = client.post(
        SIGN_IN, {"username": practitioner.email, "password": "a long test password"}
    )
    assert right.status_code == 302


def test_a_success_clears_earlier_failures(client, practitioner):
    fail(client, practitioner.email, 4)
    client.post(SIGN_IN, {"username": practitioner.email, "password": "a long test password"})
    client.post(reverse("accounts:sign_out"))
    assert fail(client, practitioner.email, 1).status_code == 200


def test_it_counts_each_account_apart(client, practitioner, team_lead):
    fail(client, practitioner.email, 5)
    right = client.post(SIGN_IN, {"username": team_lead.email, "password": "a long test password"})
    assert right.status_code == 302


def test_passwords_are_hashed_with_argon2(settings, practitioner):
    from config import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    practitioner.set_password("heron kettle marmalade")
    assert practitioner.password.startswith("argon2$")
    assert get_hasher().algorithm == "argon2"


@pytest.mark.parametrize("password", ["short pass", "123456789012345", "password1234"])
def test_it_refuses_weak_passwords(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_unusual_password_is_accepted():
    validate_password("heron kettle marmalade")


def test_the_deployment_checks_pass_with_production_settings(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "whatmatters.example.gov.uk",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_carries_the_security_headers(client, practitioner):
    client.force_login(practitioner)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["Referrer-Policy"] == "strict-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_cross_site_request_forgery_protection_is_on(practitioner, person):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    response = client.post(reverse("people:edit", args=[person.code]), {"family_name": "Forged"})
    assert response.status_code == 403
    assert "Forged" not in person.__class__.objects.get(pk=person.pk).family_name


def test_an_absurdly_long_email_address_is_refused_not_an_error(client, db):
    response = client.post(SIGN_IN, {"username": "é" * 1000, "password": "anything at all"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_behind_a_load_balancer_it_counts_the_clients_address(client, practitioner, settings):
    settings.PROXY_COUNT = 1
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        client.post(
            SIGN_IN,
            {"username": practitioner.email, **WRONG},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
            **balancer,
        )
    right = {"username": practitioner.email, "password": "a long test password"}
    locked = client.post(SIGN_IN, right, HTTP_X_FORWARDED_FOR="203.0.113.5", **balancer)
    assert locked.status_code == 429
    elsewhere = client.post(SIGN_IN, right, HTTP_X_FORWARDED_FOR="198.51.100.7", **balancer)
    assert elsewhere.status_code == 302


def test_without_a_load_balancer_the_header_is_not_believed(client, practitioner, settings):
    from axes.models import AccessFailureLog

    settings.PROXY_COUNT = 0
    fail_from = {"HTTP_X_FORWARDED_FOR": "198.51.100.7", "REMOTE_ADDR": "203.0.113.5"}
    client.post(SIGN_IN, {"username": practitioner.email, **WRONG}, **fail_from)
    assert AccessFailureLog.objects.get().ip_address == "203.0.113.5"


def test_a_made_up_forwarded_address_is_not_believed(client, practitioner, settings):
    from axes.models import AccessFailureLog

    settings.PROXY_COUNT = 1
    made_up = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.5", "REMOTE_ADDR": "10.0.0.1"}
    client.post(SIGN_IN, {"username": practitioner.email, **WRONG}, **made_up)
    assert AccessFailureLog.objects.get().ip_address != "198.51.100.7"


def test_failed_sign_ins_are_kept_and_shown_to_administrators(client, practitioner, administrator):
    client.post(SIGN_IN, {"username": practitioner.email, **WRONG}, REMOTE_ADDR="203.0.113.5")
    client.post(SIGN_IN, {"username": "nobody@example.org", **WRONG}, REMOTE_ADDR="203.0.113.9")
    client.force_login(administrator)
    page = client.get(reverse("accounts:failed_sign_ins")).content.decode()
    assert practitioner.email in page and "203.0.113.5" in page and "nobody@example.org" in page
    only = client.get(reverse("accounts:failed_sign_ins"), {"account": practitioner.email})
    assert "nobody@example.org" not in only.content.decode()


@pytest.mark.parametrize("role", ["practitioner", "team_lead", "information_governance"])
def test_only_administrators_see_failed_sign_ins(client, db, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("accounts:failed_sign_ins")).status_code == 403
