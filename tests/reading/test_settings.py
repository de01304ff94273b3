"""The settings for a shared cache and a read replica, read from the environment, failing
loudly (and without repeating an address, which may carry a password) on a bad one."""

import runpy

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PRIMARY = "postgres://app:primary-secret@db.internal:5432/what_matters"
ADDRESSES = ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "REDIS_QUEUE_URL")
REPLICA = "postgres://reader:replica-secret@replica.internal:5432/what_matters"


@pytest.fixture
def settings_with(monkeypatch):
    """The settings module as it reads an environment with these values (and no others)."""

    def read(**environment: str) -> dict:
        for name in (*ADDRESSES, "SENTRY_DSN"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(settings.BASE_DIR / "config" / "settings.py"))

    return read


def test_it_has_no_replica_unless_one_is_given(settings_with):
    configured = settings_with(DATABASE_URL=PRIMARY)
    assert set(configured["DATABASES"]) == {"default"}
    assert configured["DATABASE_ROUTERS"] == ["reading.databases.PrimaryRouter"]


def test_it_reads_the_replica_from_DATABASE_REPLICA_URL(settings_with):
    databases = settings_with(DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA)["DATABASES"]
    replica, default = databases["replica"], databases["default"]
    assert (replica["ENGINE"], replica["HOST"], replica["USER"]) == (
        "django.db.backends.postgresql",
        "replica.internal",
        "reader",
    )
    # Made like the primary's connections, and never a test database of its own.
    assert replica["OPTIONS"] == default["OPTIONS"] == {"options": "-c jit=off"}
    assert replica["DISABLE_SERVER_SIDE_CURSORS"] and replica["CONN_HEALTH_CHECKS"]
    assert replica["CONN_MAX_AGE"] == default["CONN_MAX_AGE"]
    assert replica["TEST"] == {"MIRROR": "default"}


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DATABASE_REPLICA_URL": REPLICA}, "needs DATABASE_URL to be PostgreSQL too"),
        (
            {"DATABASE_URL": PRIMARY, "DATABASE_REPLICA_URL": "mysql://r:replica-secret@h/d"},
            "must be a postgres:// address",
        ),
        ({"REDIS_URL": "http://:redis-secret@cache.internal"}, "must be a redis://"),
        (
            {"REDIS_URL": "redis://cache.internal", "REDIS_QUEUE_URL": "http://:redis-secret@q"},
            "REDIS_QUEUE_URL must be a redis://",
        ),
        ({"REDIS_QUEUE_URL": "redis://:redis-secret@queue.internal/2"}, "needs REDIS_URL too"),
    ],
)
def test_it_refuses_a_bad_address_without_repeating_it(settings_with, environment, message):
    with pytest.raises(ImproperlyConfigured, match=message) as refused:
        settings_with(**environment)
    assert "secret" not in str(refused.value)


def test_it_caches_in_redis_when_REDIS_URL_is_set(settings_with):
    cache = settings_with(REDIS_URL="redis://cache.internal:6379/1")["CACHES"]["default"]
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }


def test_the_queue_shares_the_caches_redis_unless_given_its_own(settings_with):
    shared = settings_with(REDIS_URL="redis://cache.internal:6379/1")
    assert shared["RQ_QUEUES"]["default"]["URL"] == "redis://cache.internal:6379/1"
    own = settings_with(
        REDIS_URL="redis://cache.internal:6379/1", REDIS_QUEUE_URL="redis://cache.internal:6379/2"
    )
    assert own["RQ_QUEUES"]["default"]["URL"] == "redis://cache.internal:6379/2"
    assert own["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/1"
    assert own["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"


def test_it_caches_in_each_process_without_REDIS_URL(settings_with):
    cache = settings_with()["CACHES"]["default"]
    assert cache == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_the_tests_never_use_a_deployments_redis_or_replica():
    # pyproject.toml empties both for pytest: each test empties the cache it uses.
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert "replica" not in settings.DATABASES
