"""The caseload's figures kept in the cache every app server shares: keyed by everything they
count by, and never shown older than CASELOAD_CACHE_SECONDS, whichever server kept them."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from caseload.selectors import Counted
from caseload.views import figures_key, who_holds_what
from tests.factories import PersonFactory

KEPT_ELSEWHERE = Counted(rows=[{"practitioner": None, "open_people": 99}], not_seen_listed=0)


def test_the_key_changes_with_each_thing_the_figures_count_by(
    team, other_team, team_lead, practitioner, monkeypatch
):
    key = figures_key([team.pk], 6, team_lead)
    assert figures_key([team.pk, other_team.pk], 6, team_lead) != key
    assert figures_key([team.pk], 7, team_lead) != key
    assert figures_key([team.pk], 6, practitioner) != key
    assert figures_key([other_team.pk, team.pk], 6, team_lead) == figures_key(
        [team.pk, other_team.pk], 6, team_lead
    )
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("caseload.views.timezone.localdate", lambda: tomorrow)
    assert figures_key([team.pk], 6, team_lead) != key


def test_it_shows_figures_kept_less_than_the_setting_ago(team, team_lead, settings):
    settings.CASELOAD_CACHE_SECONDS = 60
    key = figures_key([team.pk], 6, team_lead)
    cache.set(key, (time.time() - 50, KEPT_ELSEWHERE), timeout=60)
    assert who_holds_what([team.pk], weeks=6, user=team_lead) == KEPT_ELSEWHERE


@pytest.mark.parametrize("seconds_ago", [61, 3600])
def test_it_never_shows_figures_older_than_the_setting(team, team_lead, seconds_ago, settings):
    settings.CASELOAD_CACHE_SECONDS = 60
    key = figures_key([team.pk], 6, team_lead)
    cache.set(key, (time.time() - seconds_ago, KEPT_ELSEWHERE), timeout=3600)
    assert who_holds_what([team.pk], weeks=6, user=team_lead).rows == []


def test_the_page_counts_afresh_once_the_figures_are_too_old(
    client, team, team_lead, practitioner, settings
):
    settings.CASELOAD_CACHE_SECONDS = 60
    client.force_login(team_lead)
    url = reverse("caseload:caseload")
    PersonFactory(team=team, practitioner=practitioner)
    assert client.get(url).context["loads"][0].open_people == 1
    PersonFactory(team=team, practitioner=practitioner)
    assert client.get(url).context["loads"][0].open_people == 1  # kept
    settings.CASELOAD_CACHE_SECONDS = 0  # not kept: counted afresh
    assert client.get(url).context["loads"][0].open_people == 2
