import pytest
from django.db import OperationalError
from django.urls import reverse

from audit.models import RecordView


class DatabaseDown:
    def cursor(self):
        raise OperationalError('could not connect to server "db.internal" password=hunter2')


class CacheDown:
    def set(self, *args, **kwargs):
        raise ConnectionError("redis://:hunter2@cache.internal:6379 refused")


@pytest.fixture
def url():
    return reverse("watching:health")


def test_it_answers_ok_without_sign_in(client, db, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "worker": "not configured"},
    }


def test_it_is_never_cached(client, db, url):
    assert "no-store" in client.get(url)["Cache-Control"]


def test_it_answers_503_naming_the_database_when_it_is_down(client, db, url, monkeypatch):
    monkeypatch.setattr("watching.health.connection", DatabaseDown())
    response = client.get(url)
    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["database"] == "cannot query the database"
    assert response.json()["checks"]["cache"] == "ok"
    assert "hunter2" not in response.content.decode()
    assert "db.internal" not in response.content.decode()


def test_it_answers_503_naming_the_cache_when_it_is_down(client, db, url, monkeypatch):
    monkeypatch.setattr("watching.health.cache", CacheDown())
    response = client.get(url)
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "cannot use the cache",
        "worker": "not configured",
    }
    assert "hunter2" not in response.content.decode()


def test_it_shows_no_ones_data_and_is_not_in_the_access_log(client, person, url):
    client.force_login(person.practitioner)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    for data in [person.family_name, str(person.code), person.practitioner.email]:
        assert data not in page
    assert not RecordView.objects.exists()


def test_it_answers_only_get(client, db, url):
    assert client.post(url).status_code == 405
