"""Error reports: the scrubber on an event like the Django integration's, and one real
report sent to a Sentry-compatible endpoint the test starts on loopback."""

import gzip
import http.server
import threading

import brotli  # type: ignore[import-untyped]  # sentry-sdk compresses with it when it is installed (WeasyPrint brings it)
import pytest
import sentry_sdk
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from watching.errors import error_reports_start, scrubbed

CODE = "3f2b8c1e-9a4d-4e7f-8b21-5c6d7e8f9a0b"


@login_not_required
@csrf_exempt
def failing_view(request, code):
    family_name = request.POST["family_name"]  # a local variable: never sent
    raise RuntimeError(f"no plan for {code}, ask {request.user.email} ({len(family_name)})")


# The project's own pages too: the error page links home.
urlpatterns = [path("people/<uuid:code>/fails/", failing_view), path("", include("config.urls"))]


def event():
    return {
        "message": f"Failed for {CODE}",
        "transaction": f"/people/{CODE}/fails/",
        "request": {
            "method": "POST",
            "url": f"https://wm.example.org/people/{CODE}/fails/",
            "query_string": "q=Featherstonehaugh",
            "cookies": {"sessionid": "abc"},
            "data": {"family_name": "Featherstonehaugh"},
            "headers": {"User-Agent": "Firefox", "Cookie": "sessionid=abc", "Referer": "x"},
            "env": {"REMOTE_ADDR": "10.0.0.9"},
        },
        "user": {"id": "7", "email": "priya.shah@example.org", "username": "Priya Shah"},
        "exception": {
            "values": [
                {
                    "type": "RuntimeError",
                    "value": f"no plan for {CODE}, ask priya.shah@example.org",
                    "stacktrace": {"frames": [{"function": "f", "vars": {"name": "Ann"}}]},
                }
            ]
        },
        "logentry": {"message": f"Failed for {CODE}", "params": ["Featherstonehaugh"]},
        "breadcrumbs": {"values": [{"message": "SELECT ... Featherstonehaugh"}]},
    }


def test_it_scrubs_an_event_of_anyones_data():
    sent = scrubbed(event(), {})
    text = str(sent)
    for data in [CODE, "Featherstonehaugh", "priya.shah", "Priya Shah", "sessionid", "10.0.0"]:
        assert data not in text
    assert sent["request"] == {
        "method": "POST",
        "url": "https://wm.example.org/people/<code>/fails/",
        "headers": {"User-Agent": "Firefox"},
    }
    assert sent["user"] == {"id": "7"}
    assert sent["exception"]["values"][0]["value"] == "no plan for <code>, ask <email>"


@pytest.fixture
def sentry_endpoint():
    """A Sentry-compatible endpoint on loopback: every POST's body, unzipped."""
    received: list[bytes] = []

    class Endpoint(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            if self.headers.get("Content-Encoding") == "br":
                body = brotli.decompress(body)
            received.append(body)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://public@127.0.0.1:{server.server_port}/1", received
    sentry_sdk.get_client().close()
    sentry_sdk.init()
    server.shutdown()
    server.server_close()


@pytest.mark.urls(__name__)
def test_it_sends_an_error_without_anyones_data(client, person, sentry_endpoint):
    dsn, received = sentry_endpoint
    error_reports_start(dsn=dsn, environment="test", traces_sample_rate=0)
    client.force_login(person.practitioner)
    client.raise_request_exception = False
    response = client.post(
        f"/people/{person.code}/fails/?q={person.family_name}",
        {"family_name": person.family_name},
        headers={"X-Request-ID": "req-12345678"},
    )
    assert response.status_code == 500
    sentry_sdk.flush(timeout=5)
    sent = b"".join(received).decode()
    assert "RuntimeError" in sent
    assert "no plan for <code>, ask <email>" in sent
    assert '"request_id":"req-12345678"' in sent
    user = person.practitioner
    for data in [str(person.code), person.family_name, user.email, user.full_name]:
        assert data not in sent
