"""The measures kept in the cache every app server shares: keyed by everything they count by,
and never shown older than MEASURES_CACHE_SECONDS, whichever server kept them."""

import datetime
import time
import uuid
from dataclasses import replace

import pytest
import redis
from django.core.cache import cache, caches

from accounts.models import Team
from measures import views
from measures.selectors import Measure, Period
from measures.views import measured, measures_key
from tests.factories import PersonFactory

REDIS = "redis://127.0.0.1:6379/13"  # a database of its own, with a prefix for each test
START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
KEPT_ELSEWHERE = [Measure("first-contacts", "First contacts", "Kept by another server", "", [])]


@pytest.fixture
def period(team) -> Period:
    return Period(teams=Team.objects.filter(pk=team.pk), start=START, end=END)


def first_contacts(period: Period) -> str:
    return measured(period)[0].headline


def test_the_key_changes_with_each_thing_the_figures_count_by(team, other_team, period):
    key = measures_key([team.pk], period)
    assert measures_key([team.pk, other_team.pk], period) != key
    assert measures_key([team.pk], replace(period, start=datetime.date(2026, 1, 2))) != key
    assert measures_key([team.pk], replace(period, end=datetime.date(2026, 6, 29))) != key
    # The same teams in any order, as any server reads them.
    both = measures_key([team.pk, other_team.pk], period)
    assert measures_key([other_team.pk, team.pk], period) == both


def test_the_key_changes_with_the_day_and_with_what_is_kept(team, period, monkeypatch):
    key = measures_key([team.pk], period)
    monkeypatch.setattr(views, "KEPT_VERSION", views.KEPT_VERSION + 1)
    assert measures_key([team.pk], period) != key
    monkeypatch.undo()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("measures.views.timezone.localdate", lambda: tomorrow)
    assert measures_key([team.pk], period) != key


def test_it_shows_figures_kept_less_than_the_setting_ago(settings, team, period):
    settings.MEASURES_CACHE_SECONDS = 300
    key = measures_key([team.pk], period)
    cache.set(key, (time.time() - 290, KEPT_ELSEWHERE), timeout=300)
    assert first_contacts(period) == "Kept by another server"


def test_it_never_shows_figures_older_than_the_setting(settings, team, period):
    settings.MEASURES_CACHE_SECONDS = 300
    key = measures_key([team.pk], period)
    # Kept by a server whose setting was an hour (a release with a longer one, say).
    cache.set(key, (time.time() - 310, KEPT_ELSEWHERE), timeout=3600)
    assert first_contacts(period) == "0 in the period"
    assert cache.get(key)[1][0].headline == "0 in the period"  # worked out again, and kept


def test_a_new_record_shows_once_the_kept_figures_are_too_old(settings, team, period):
    settings.MEASURES_CACHE_SECONDS = 300
    assert first_contacts(period) == "0 in the period"
    PersonFactory(team=team, first_contact_date=datetime.date(2026, 2, 1))
    assert first_contacts(period) == "0 in the period"  # kept for up to 5 minutes
    key = measures_key([team.pk], period)
    worked_out_at, measures = cache.get(key)
    cache.set(key, (worked_out_at - 300, measures))  # five minutes on
    assert first_contacts(period) == "1 in the period"


def test_nothing_is_kept_when_the_setting_is_0(settings, team, period):
    settings.MEASURES_CACHE_SECONDS = 0
    assert first_contacts(period) == "0 in the period"
    assert cache.get(measures_key([team.pk], period)) is None


@pytest.fixture
def shared_redis(settings):
    """The cache in Redis on this machine, as with REDIS_URL, under a prefix of this test's
    own; gives the keys Redis holds under it, and removes only those after the test."""
    prefix = f"what-matters-tests-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(REDIS)
    yield lambda: [key.decode() for key in client.scan_iter(match=f"{prefix}:*")]
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def test_app_servers_sharing_redis_share_the_figures(
    shared_redis, settings, team, period, django_assert_num_queries
):
    settings.MEASURES_CACHE_SECONDS = 300
    PersonFactory(team=team, first_contact_date=datetime.date(2026, 2, 1))
    first = measured(period)
    key = measures_key([team.pk], period)
    assert [stored.endswith(f":1:{key}") for stored in shared_redis()] == [True]  # in Redis
    # Another app server: a connection of its own to the same Redis.
    elsewhere = caches.create_connection("default")
    assert elsewhere.get(key)[1] == first
    with django_assert_num_queries(1):  # the lead's teams, on the primary: not the figures
        assert measured(period) == first
    assert first[0].headline == "1 in the period"
