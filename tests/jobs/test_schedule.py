import datetime

from django.contrib.sessions.models import Session
from django.utils import timezone

from jobs.models import Job, PeriodicRun
from jobs.schedule import PERIODIC, periodic_due, schedule_run
from jobs.worker import tasks_run_queued


def test_it_starts_each_periodic_job_once_however_many_workers_ask(db):
    assert schedule_run() == ["jobs_recover", *PERIODIC]
    assert schedule_run() == []  # a second worker, a moment later
    assert Job.objects.filter(kind="clearsessions").count() == 1
    assert set(PeriodicRun.objects.values_list("name", flat=True)) == {"jobs_recover", *PERIODIC}


def test_a_periodic_job_is_due_again_after_its_interval(db):
    every = datetime.timedelta(days=1)
    assert periodic_due("clearsessions", every)
    assert not periodic_due("clearsessions", every)
    PeriodicRun.objects.update(last_run_at=timezone.now() - every)
    assert periodic_due("clearsessions", every)
    assert not periodic_due("clearsessions", every)


def test_the_periodic_commands_run_as_jobs_started_by_no_one(db):
    expired = timezone.now() - datetime.timedelta(days=1)
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=expired)
    schedule_run()
    tasks_run_queued()
    for job in Job.objects.all():
        assert (job.status, job.by, job.attempts) == ("done", None, 1)
    assert {job.kind for job in Job.objects.all()} == set(PERIODIC)
    assert not Session.objects.exists()
