import datetime
from types import SimpleNamespace

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from audit.models import RecordView
from jobs.models import PeriodicRun
from jobs.schedule import schedule_run


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
    schedule_run()
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "replica": "not configured", "cache": "ok", "scheduler": "ok"},
    }


def test_it_tells_of_a_late_scheduler_but_still_answers(client, db, url):
    assert client.get(url).json()["checks"]["scheduler"] == "the scheduler has not run yet"
    schedule_run()
    ago = timezone.now() - datetime.timedelta(minutes=4, seconds=10)
    PeriodicRun.objects.filter(name="jobs_recover").update(last_run_at=ago)
    response = client.get(url)
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response.json()["checks"]["scheduler"] == "the scheduler last ran 4 minutes ago"


def test_it_answers_503_when_the_replica_is_down(client, db, url, monkeypatch):
    monkeypatch.setattr("watching.health.settings", SimpleNamespace(DATABASES={"replica": {}}))
    monkeypatch.setattr("watching.health.connections", {"replica": DatabaseDown()})
    response = client.get(url)
    assert response.status_code == 503
    assert response.json()["checks"]["replica"] == "cannot query the read replica"
    assert response.json()["checks"]["database"] == "ok"


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
    assert response.json()["checks"]["cache"] == "cannot use the cache"
    assert response.json()["checks"]["database"] == "ok"
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
