"""What browsers, proxies, logs and error pages may keep of a page: nothing about people."""

import http.client
import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

from tests.personal_data.test_subject_access_job import downloaded

ROOT = Path(__file__).resolve().parents[2]
REPORT = {
    "csp-report": {
        "document-uri": "https://whatmatters.example/people/?q=Doyle",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
    }
}


def test_no_page_about_a_person_is_kept_by_the_browser(client, practitioner, person):
    client.force_login(practitioner)
    for url in [reverse("overview:person", args=[person.code]), reverse("home")]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("accounts:sign_in"))["Cache-Control"]


def test_downloads_are_not_kept_either(client, information_governance, person):
    client.force_login(information_governance)
    request = reverse("personal_data:subject_access_request", args=[person.code])
    client.post(request, {"reference": "SAR-1"})
    response = downloaded(client, person)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_pages_carry_the_permissions_and_referrer_policies(client):
    response = client.get(reverse("accounts:sign_in"))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin"
    assert "report-uri /csp-report/" in response["Content-Security-Policy"]


def test_csp_reports_are_logged_without_query_strings_and_stored_nowhere(client, db, caplog):
    from django.contrib.sessions.models import Session

    with caplog.at_level(logging.WARNING, logger="security.csp"):
        response = client.post(
            reverse("security:csp_report"), json.dumps(REPORT), "application/csp-report"
        )
    assert response.status_code == 204
    assert "script-src-elem" in caplog.text and "Doyle" not in caplog.text
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("not json", 400),
        ("[" * 5000 + "]" * 5000, 400),
        (json.dumps({"csp-report": "a string"}), 400),
        (json.dumps({"csp-report": {"blocked-uri": "x" * 20_000}}), 413),
    ],
)
def test_a_bad_csp_report_is_refused(client, body, status):
    response = client.post(reverse("security:csp_report"), body, "application/csp-report")
    assert response.status_code == status


def debug_page(request) -> str:
    from django.views.debug import technical_500_response

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info()).content.decode()


def test_the_debug_page_hides_the_database_password(rf, settings):
    settings.DEBUG = True
    # As runserver does, the environment is in the request's META.
    request = rf.get("/", DATABASE_URL="postgres://what_matters:hunter2@db.internal/wm")
    page = debug_page(request)
    assert "DATABASE_URL" in page and "hunter2" not in page


def test_the_development_servers_log_keeps_no_query_strings(caplog):
    with caplog.at_level(logging.INFO, logger="django.server"):
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /people/?q=Doyle HTTP/1.1", "200", "1234"
        )
    assert "GET /people/ HTTP/1.1" in caplog.text and "Doyle" not in caplog.text


def test_gunicorns_access_log_keeps_no_query_strings_or_referers(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "gunicorn test key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi",
        "-c",
        "config/gunicorn.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logfile",
        str(log),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    try:
        # One request, its redirect to sign in not followed: that page would need collected
        # static files.
        path = "/session/?q=Doyle+LS6"
        referer = f"http://127.0.0.1:{port}{path}&nhs=9434765919"
        # Until it listens (a minute at most, on a loaded machine), connecting is refused.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                answer = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                answer.request("GET", path, headers={"Referer": referer})
                assert answer.getresponse().status < 500
                break
            except ConnectionRefusedError:
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=20)
    written = log.read_text()
    assert "GET /session/ HTTP/1.1" in written
    assert "Doyle" not in written and "9434765919" not in written
