"""The console log, configured from settings.LOGGING as `make run` and gunicorn do: each
line once, and a refusal without a traceback."""

import contextlib
import io
import threading
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.urls import path
from django.utils.log import configure_logging
from django.views.decorators.csrf import csrf_exempt


@login_not_required
@csrf_exempt
def failing_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("fails/", failing_view)]


@pytest.fixture
def console(settings):
    """What the project's logging writes to the console, with DEBUG on as under `make run`.
    Django's own default handlers are set up first, as django.setup() does, and write to
    the same console, so a line printed by both shows up twice here too."""
    settings.DEBUG = True
    output = io.StringIO()
    with contextlib.redirect_stderr(output):
        configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)
    yield output
    configure_logging(django_settings.LOGGING_CONFIG, django_settings.LOGGING)


def lines(console: io.StringIO) -> list[str]:
    """The lines of the console log, less the request log's own line per request
    (watching/, tested there)."""
    return [
        line
        for line in console.getvalue().splitlines()
        if line.strip() and not line.startswith('{"time"') and "watching.requests" not in line
    ]


def test_it_logs_a_refusal_once_without_a_traceback(client, practitioner, console):
    client.force_login(practitioner)
    assert client.get("/team/caseload/").status_code == 403
    assert len(lines(console)) == 1
    assert (
        "WARNING django.request: Forbidden (Permission denied): /team/caseload/"
        in lines(console)[0]
    )
    assert "Traceback" not in console.getvalue()


def test_it_logs_a_page_not_found_once(client, practitioner, console):
    client.force_login(practitioner)
    assert client.get("/no-such-page/?q=Doyle").status_code == 404
    assert len(lines(console)) == 1
    assert "WARNING django.request: Not Found: /no-such-page/" in console.getvalue()
    assert "Doyle" not in console.getvalue()


@pytest.mark.urls(__name__)
def test_it_logs_an_error_once_with_one_traceback(client, console):
    client.raise_request_exception = False
    assert client.get("/fails/").status_code == 500
    assert console.getvalue().count("Internal Server Error: /fails/") == 1
    assert console.getvalue().count("Traceback") == 1
    assert console.getvalue().count("RuntimeError: the view broke") == 1


def test_it_logs_a_development_server_request_once_without_its_query_string(db, settings, console):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(StaticFilesHandler(WSGIHandler()))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_port}/sign-in/?next=/people/%3Fq%3DDoyle"
        assert urllib.request.urlopen(address, timeout=10).status == 200
    finally:
        server.shutdown()
        server.server_close()
    assert len(lines(console)) == 1
    assert 'INFO django.server: "GET /sign-in/ HTTP/1.1" 200' in lines(console)[0]
    assert "Doyle" not in console.getvalue()
