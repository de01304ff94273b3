"""The Open Referral import as a job: ids only in the task, all or nothing, once only."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from community.models import CommunityResource
from community.openreferral import importing
from community.openreferral.reading import Upload
from community.openreferral.tasks import directory_import_run, directory_import_start
from jobs.models import Job
from jobs.services import JobLost, job_claim, job_finish, jobs_recover
from jobs.worker import tasks_run_queued
from tests.factories import UserFactory

from .openreferral_data import SAMPLE


@pytest.fixture
def job(administrator):
    files = [SimpleUploadedFile("leeds.json", SAMPLE.read_bytes())]
    return directory_import_start(files=files, dry_run=False, by=administrator)


def test_the_task_is_given_the_jobs_id_and_nothing_else(job):
    assert DBTaskResult.objects.get().args_kwargs == {"args": [str(job.pk)], "kwargs": {}}


def test_an_import_run_twice_imports_once(job):
    tasks_run_queued()
    directory_import_run.enqueue(str(job.pk))
    tasks_run_queued()
    assert CommunityResource.objects.count() == 6
    assert CommunityResource.history.count() == 6  # one version each: saved once


def test_an_import_whose_worker_died_is_run_again_and_imports_once(job):
    job_claim(job.pk)  # the worker that died
    Job.objects.update(leased_until=timezone.now() - datetime.timedelta(minutes=1))
    assert jobs_recover() == (1, 0)
    tasks_run_queued()
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2
    assert job.stage == "Imported 6 resources: 6 added, 0 changed and 0 unchanged"
    assert CommunityResource.history.count() == 6


def test_a_failure_mid_import_saves_nothing(job, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importing, "_save_category_history", fail)  # after the resources
    tasks_run_queued()
    assert Job.objects.get().status == "failed"
    assert not CommunityResource.objects.exists() and not CommunityResource.history.exists()


def test_a_worker_that_lost_its_import_saves_none_of_it(job):
    stale = job_claim(job.pk)
    Job.objects.update(leased_until=timezone.now() - datetime.timedelta(minutes=1))
    jobs_recover()  # handed to another worker
    with pytest.raises(JobLost):  # its next word of progress stops the first worker
        directory_import_run.func.__wrapped__(stale)  # type: ignore[attr-defined]
    uploads = [Upload("leeds.json", SAMPLE.read_bytes())]
    with pytest.raises(JobLost):  # and had it saved the import, its end undoes it
        importing.import_directory(uploads, by=None, then=lambda report: job_finish(stale))
    assert not CommunityResource.objects.exists()


def test_its_report_is_only_for_whoever_started_it(client, job):
    tasks_run_queued()
    report = reverse("community:open_referral_report", args=[job.pk])
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert client.get(report).status_code == 404
    client.force_login(job.by)
    assert client.get(report).status_code == 200


def test_a_job_not_yet_done_has_no_report(client, job):
    client.force_login(job.by)
    report = reverse("community:open_referral_report", args=[job.pk])
    assert client.get(report).status_code == 404
