"""Reading another directory's Open Referral UK API: our own, served by a live server on
loopback, as another council's service would serve it."""

import io
import json

import pytest
from django.urls import reverse

from community.models import CommunityResource
from community.openreferral import feeds
from community.openreferral.feeds import FeedError, feed_address_problem, feed_read
from community.openreferral.tasks import directory_feed_start, directory_import_report
from jobs.models import Job
from jobs.worker import tasks_run_queued
from tests.factories import CommunityResourceFactory


@pytest.fixture
def feed(live_server, settings, transactional_db):
    settings.OPEN_REFERRAL_FEED_ALLOW_LOOPBACK = True
    for number in range(5):
        CommunityResourceFactory(name=f"Walking group {number}", minimum_age=number)
    CommunityResourceFactory(name="Closed", status="archived")
    return f"{live_server.url}/api/open-referral"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://directory.example.org/api", "Enter the address of the directory's API"),
        ("https://elsewhere.example.org/api", "elsewhere.example.org is not one of the"),
        ("http://directory.example.org/api", "Enter an address that starts with https://"),
        ("http://127.0.0.1:8000/api", "This server's own addresses cannot be read"),
        ("http://localhost/api", "This server's own addresses cannot be read"),
    ],
)
def test_only_the_hosts_settings_allow_are_read(settings, url, problem):
    settings.OPEN_REFERRAL_FEED_HOSTS = ["directory.example.org"]
    assert feed_address_problem(url).startswith(problem)
    with pytest.raises(FeedError):
        feed_read(url, print, io.BytesIO())
    assert feed_address_problem("https://Directory.example.org/api") == ""


def test_it_follows_every_page_and_reads_each_service_whole(feed, monkeypatch):
    monkeypatch.setattr(feeds, "PER_PAGE", 2)  # three pages of the five active services
    stages: list[str] = []
    content = io.BytesIO()
    feed_read(feed, stages.append, content)
    services = json.loads(content.getvalue())["contents"]
    assert sorted(s["name"] for s in services) == [f"Walking group {n}" for n in range(5)]
    assert all("attributes" in service for service in services)  # whole, not as listed
    assert stages[:3] == ["Listed 2 services", "Listed 4 services", "Listed 5 services"]
    assert stages[-1] == "Read 5 of 5 services"


def test_an_administrator_imports_a_feed_as_a_job(feed, client, administrator, monkeypatch):
    monkeypatch.setattr(feeds, "PER_PAGE", 2)
    client.force_login(administrator)
    response = client.post(reverse("community:open_referral_feed"), {"url": feed})
    job = Job.objects.get(kind="openreferral_feed")
    assert response.url == reverse("jobs:detail", args=[job.pk])
    tasks_run_queued()
    job.refresh_from_db()
    report = directory_import_report(job)
    # The same services, read back from the API: each found, none changed.
    assert report.ok and (report.services, report.unchanged) == (5, 5), report.problems
    assert job.stage.startswith("Imported 5 resources")
    assert CommunityResource.objects.count() == 6
    page = client.get(reverse("community:open_referral_report", args=[job.pk])).content.decode()
    assert "5 resources: 0 added, 0 changed and 5 unchanged" in page


def test_a_feed_that_cannot_be_read_is_a_report_with_the_reason(feed, administrator):
    job = directory_feed_start(url=f"{feed}/nowhere", by=administrator)
    tasks_run_queued()
    job.refresh_from_db()
    report = directory_import_report(job)
    assert not report.ok
    assert report.problems[0].message.endswith("/nowhere/services?page=1&per_page=100 answered 404")
    assert CommunityResource.objects.count() == 6


def test_an_address_not_allowed_is_explained_on_the_page(client, administrator, settings):
    settings.OPEN_REFERRAL_FEED_HOSTS = []
    client.force_login(administrator)
    response = client.post(
        reverse("community:open_referral_feed"), {"url": "https://elsewhere.example.org/api"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "elsewhere.example.org is not one of the directories the council allows" in page
    assert 'value="https://elsewhere.example.org/api"' in page
    assert not Job.objects.exists()


def test_only_administrators_import_feeds(client, practitioner):
    client.force_login(practitioner)
    response = client.post(reverse("community:open_referral_feed"), {"url": "https://x.org"})
    assert response.status_code == 403 and not Job.objects.exists()


def test_a_feed_marked_for_every_day_is_read_again_by_the_scheduler(feed, client, administrator):
    from django.core.management import call_command

    from community.models import Feed
    from jobs.schedule import PERIODIC

    client.force_login(administrator)
    client.post(reverse("community:open_referral_feed"), {"url": feed, "refresh_daily": "on"})
    saved = Feed.objects.get()
    assert (saved.url, saved.refresh_daily, saved.added_by) == (feed, True, administrator)
    page = client.get(reverse("community:open_referral")).content.decode()
    assert "Feeds read before" in page and "Yes, as Alex Morgan" in page
    assert "openreferral_feeds_refresh" in PERIODIC
    out = io.StringIO()
    call_command("openreferral_feeds_refresh", stdout=out)
    assert "Started reading 1 feed" in out.getvalue()
    assert Job.objects.filter(kind="openreferral_feed").count() == 2
    tasks_run_queued()
    latest = Job.objects.filter(kind="openreferral_feed").first()
    assert latest.status == Job.Status.DONE and latest.by == administrator
    # Read once more without "every day": it stops.
    client.post(reverse("community:open_referral_feed"), {"url": feed})
    assert not Feed.objects.get().refresh_daily
    call_command("openreferral_feeds_refresh", stdout=out)
    assert "Started reading 0 feeds" in out.getvalue()
