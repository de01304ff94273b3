"""Django's debug page and error reports list the settings: no password in them."""

import pytest
from django.conf import settings as django_settings
from django.views.debug import get_exception_reporter_filter

REDIS = "redis://:hunter2@cache.internal:6379/1"


@pytest.fixture
def safe(settings, rf):
    settings.DATABASE_URL = "postgres://app:hunter2@db.internal/what_matters"
    settings.DATABASE_REPLICA_URL = "postgres://app:hunter2@replica.internal/what_matters"
    settings.REDIS_URL = REDIS
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    }
    settings.RQ_QUEUES = {"default": {"URL": REDIS, "DEFAULT_TIMEOUT": -1}}
    return get_exception_reporter_filter(rf.get("/")).get_safe_settings()


def test_the_project_uses_its_own_filter():
    assert django_settings.DEFAULT_EXCEPTION_REPORTER_FILTER == "security.debug.SecretsHidden"


def test_no_address_with_a_password_is_shown(safe):
    assert "hunter2" not in repr(safe)
    assert safe["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    assert safe["RQ_QUEUES"]["default"]["DEFAULT_TIMEOUT"] == -1
