import json
import logging
import uuid

import pytest

from watching.logging import JsonFormatter

FIELDS = {"time", "request_id", "method", "path", "status", "duration_ms", "user_id"}


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="watching.requests")
    return lambda: [
        JsonFormatter().format(record)
        for record in caplog.records
        if record.name == "watching.requests"
    ]


def test_it_gives_each_request_an_id(client, db):
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]
    assert uuid.UUID(first).version == 4
    assert first != second


def test_it_keeps_a_safe_id_from_the_load_balancer(client, db):
    response = client.get("/health/", headers={"X-Request-ID": "lb-0123456789abcdef"})
    assert response["X-Request-ID"] == "lb-0123456789abcdef"


@pytest.mark.parametrize("given", ["short", "a b c d e f g h", "x" * 65, "<script>alert(1)"])
def test_it_refuses_an_unsafe_id(client, db, given):
    response = client.get("/health/", headers={"X-Request-ID": given})
    assert response["X-Request-ID"] != given
    assert uuid.UUID(response["X-Request-ID"])


def test_it_logs_one_json_line_per_request_without_anyones_data(client, person, request_lines):
    user = person.practitioner
    client.force_login(user)
    url = f"/people/{person.code}/?q={person.family_name}&email={user.email}"
    response = client.get(url, headers={"X-Request-ID": "req-12345678"})
    [line] = request_lines()
    logged = json.loads(line)
    assert set(logged) == FIELDS
    assert logged["request_id"] == "req-12345678"
    assert logged["method"] == "GET"
    assert logged["path"] == "/people/<code>/"
    assert logged["status"] == response.status_code == 200
    assert logged["user_id"] == user.pk
    assert isinstance(logged["duration_ms"], float)
    for data in [str(person.code), person.family_name, user.email, user.full_name, "?"]:
        assert data not in line


def test_it_logs_no_user_for_a_request_not_signed_in(client, db, request_lines):
    client.get("/health/")
    [line] = request_lines()
    assert json.loads(line)["user_id"] is None


def test_djangos_own_lines_name_the_page_without_the_persons_code(
    client, caplog, practitioner, other_person
):
    client.force_login(practitioner)
    caplog.set_level(logging.WARNING, logger="django.request")
    assert client.get(f"/people/{other_person.code}/").status_code == 404
    lines = [record.getMessage() for record in caplog.records if record.name == "django.request"]
    assert lines == ["Not Found: /people/<code>/"]
