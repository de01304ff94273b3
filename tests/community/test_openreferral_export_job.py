"""The directory's Open Referral UK export as a job: the same file as the streamed download,
written a chunk at a time with its progress, once, for whoever started it, tidied away later."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from community.openreferral import streaming, tasks
from community.openreferral.tasks import (
    directory_export_start,
    directory_exports_tidy,
    directory_import_start,
)
from jobs.models import Job
from jobs.services import job_claim, jobs_recover
from jobs.worker import tasks_run_queued
from tests.factories import CommunityResourceFactory, UserFactory

START = reverse("community:open_referral_export")


def file_url(job: Job) -> str:
    return reverse("community:open_referral_export_file", args=[job.pk])


def stored(job: Job) -> bytes:
    with storages["jobs"].open(job.result) as file:
        return file.read()


@pytest.fixture
def directory(db, monkeypatch):
    """Seven resources read two at a time, three of one name, with text beyond ASCII."""
    monkeypatch.setattr(streaming, "CHUNK", 2)
    CommunityResourceFactory.create_batch(4, name="Café — £4.50", organisation="St Chad's")
    CommunityResourceFactory.create_batch(3, name="Lunch club", status="archived")


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


def exported(kind: str, by) -> Job:
    job = directory_export_start(kind=kind, by=by)
    tasks_run_queued()
    job.refresh_from_db()
    return job


def test_the_task_is_given_the_jobs_id_and_nothing_else(administrator):
    job = directory_export_start(kind="zip", by=administrator)
    assert DBTaskResult.objects.get().args_kwargs == {"args": [str(job.pk)], "kwargs": {}}
    with storages["jobs"].open(f"openreferral-export/{job.pk}/request.json") as file:
        assert json.load(file) == {"kind": "zip"}
    assert job.title == "Exporting the directory as Open Referral UK (CSV tables, zipped)"


def test_its_json_file_is_the_streamed_downloads_bytes(as_admin, administrator, directory):
    job = exported("json", administrator)
    assert job.status == "done" and job.stage == "Exported 7 services"
    assert job.result == f"openreferral-export/{job.pk}/directory.json"
    assert stored(job) == as_admin.get(reverse("community:export_json")).getvalue()


def test_its_zip_holds_the_streamed_downloads_files(as_admin, administrator, directory):
    job = exported("zip", administrator)
    assert job.result == f"openreferral-export/{job.pk}/directory.zip"
    made = zipfile.ZipFile(io.BytesIO(stored(job)))
    streamed = zipfile.ZipFile(io.BytesIO(as_admin.get(reverse("community:export_zip")).getvalue()))
    assert made.namelist() == streamed.namelist()
    for name in streamed.namelist():
        assert made.read(name) == streamed.read(name), name


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_it_says_how_many_services_it_has_written(administrator, directory, monkeypatch, kind):
    said = []
    progress = tasks.job_progress

    def noted(job, *, stage, done=None, total=None):
        said.append((stage, done, total))
        progress(job, stage=stage, done=done, total=total)

    monkeypatch.setattr(tasks, "job_progress", noted)
    job = exported(kind, administrator)
    writing = [(done, total) for stage, done, total in said if stage == "Writing services"]
    assert writing == [(0, 7), (2, 7), (4, 7), (6, 7), (7, 7)]
    assert (job.done, job.total) == (7, 7)


def test_a_run_after_its_worker_died_leaves_one_file(administrator, directory):
    job = directory_export_start(kind="json", by=administrator)
    job_claim(job.pk)  # the worker that died, having written its file
    half = f"openreferral-export/{job.pk}/directory.json"
    storages["jobs"].save(half, ContentFile(b'{"total_items": 7, "conte'))
    Job.objects.update(leased_until=timezone.now() - datetime.timedelta(minutes=1))
    assert jobs_recover() == (1, 0)
    tasks_run_queued()
    job.refresh_from_db()
    assert job.status == "done" and job.result == half
    files = storages["jobs"].listdir(f"openreferral-export/{job.pk}")[1]
    assert sorted(files) == ["directory.json", "request.json"]
    assert json.loads(stored(job))["total_items"] == 7


def test_its_page_links_to_the_file_which_downloads(as_admin, administrator, directory):
    job = exported("zip", administrator)
    page = as_admin.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f'href="{file_url(job)}"' in page
    made = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)  # in London, 1 March
    Job.objects.filter(pk=job.pk).update(finished_at=made)
    response = as_admin.get(file_url(job))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    name = "community-directory-2026-03-01.zip"  # the day it was made
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.getvalue() == stored(job)


def test_the_file_is_only_for_the_administrator_who_started_it(
    client, administrator, practitioner, directory
):
    job = exported("json", administrator)
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert client.get(file_url(job)).status_code == 404
    client.force_login(practitioner)
    assert client.get(file_url(job)).status_code == 403  # as every directory keeper's page


def test_a_job_of_another_kind_has_no_file(as_admin, administrator):
    upload = SimpleUploadedFile("directory.json", b"[]")
    job = directory_import_start(files=[upload], dry_run=True, by=administrator)
    tasks_run_queued()
    assert Job.objects.get().status == "done"
    assert as_admin.get(file_url(job)).status_code == 404


def test_an_export_not_yet_done_or_whose_file_is_gone_has_none(as_admin, administrator):
    job = directory_export_start(kind="json", by=administrator)
    assert as_admin.get(file_url(job)).status_code == 404
    tasks_run_queued()
    assert as_admin.get(file_url(job)).status_code == 200
    job.refresh_from_db()
    storages["jobs"].delete(job.result)
    assert as_admin.get(file_url(job)).status_code == 404


def test_an_administrator_starts_it_from_the_page(as_admin):
    page = as_admin.get(reverse("community:open_referral")).content.decode()
    assert f'action="{START}"' in page and "Prepare the file" in page
    response = as_admin.post(START, {"kind": "zip"})
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert job.kind == "openreferral_export"


@pytest.mark.parametrize("sent", [{}, {"kind": "pdf"}])
def test_it_asks_which_file_and_starts_nothing_without_one(as_admin, sent):
    response = as_admin.post(START, sent)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Open Referral UK data" in page
    assert "There is a problem" in page and 'href="#id_kind' in page
    assert "Select which file to prepare: JSON or CSV tables" in page
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_tidying_deletes_old_exports_and_keeps_recent_ones(as_admin, administrator):
    old, recent = exported("json", administrator), exported("zip", administrator)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))
    said = io.StringIO()
    call_command("openreferral_exports_tidy", stdout=said)  # OPEN_REFERRAL_EXPORT_DAYS: 7
    assert "Deleted 1 Open Referral UK export older than 7 days" in said.getvalue()
    assert storages["jobs"].listdir("openreferral-export")[0] == [str(recent.pk)]
    old.refresh_from_db()
    assert old.result == "" and as_admin.get(file_url(old)).status_code == 404
    assert as_admin.get(file_url(recent)).status_code == 200
    assert directory_exports_tidy(older_than=datetime.timedelta(days=7)) == 0
