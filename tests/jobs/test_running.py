import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import Job
from jobs.services import JobLost, job_claim, job_finish, job_start, jobs_recover
from jobs.worker import tasks_run_queued

from .sample_tasks import broken, runs_of, work


@pytest.fixture
def job(administrator):
    return job_start(kind="sample", title="A sample job", task=work, by=administrator)


def worker_died(job: Job) -> Job:
    """The job as a worker that claimed it and then died left it: running, lease run out."""
    claimed = job_claim(job.pk)
    Job.objects.filter(pk=job.pk).update(leased_until=timezone.now() - datetime.timedelta(1))
    return claimed


def test_it_gives_the_task_the_jobs_id_and_nothing_else(job):
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [str(job.pk)], "kwargs": {}}
    assert Job.objects.get().task_result_id == str(queued.id)


def test_it_runs_a_waiting_job_and_ends_it(job):
    tasks_run_queued()
    job.refresh_from_db()
    assert (job.status, job.result, job.stage, job.attempts) == ("done", "a reference", "Worked", 1)
    assert job.done == job.total == 2 and job.leased_until is None and job.finished_at
    assert runs_of(job) == 1


def test_a_task_delivered_twice_does_the_work_once(job):
    work.enqueue(str(job.pk))
    tasks_run_queued()
    assert DBTaskResult.objects.successful().count() == 2
    assert runs_of(job) == 1


def test_a_job_whose_worker_died_is_run_again(job):
    worker_died(job)
    assert jobs_recover() == (1, 0)
    job.refresh_from_db()
    assert job.status == "waiting" and job.stage == "Waiting to start again"
    assert DBTaskResult.objects.count() == 2 and job.task_result_id != ""
    tasks_run_queued()  # the dead worker's task stays claimed; the new one runs
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2 and runs_of(job) == 1


def test_a_job_whose_worker_is_alive_is_left_alone(job):
    job_claim(job.pk)
    assert jobs_recover() == (0, 0)
    assert Job.objects.get().status == "running"


def test_a_job_whose_worker_died_too_often_fails(job, settings):
    settings.JOBS_MAX_ATTEMPTS = 1
    worker_died(job)
    assert jobs_recover() == (0, 1)
    job.refresh_from_db()
    assert job.status == "failed" and job.stage == "It stopped: its worker stopped 1 times"
    tasks_run_queued()
    assert runs_of(job) == 0


def test_a_worker_that_lost_its_job_saves_nothing(job):
    stale = worker_died(job)
    jobs_recover()
    job_claim(job.pk)  # another worker has it now
    with pytest.raises(JobLost), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(title="Changed by the worker that died")
        job_finish(stale)
    job.refresh_from_db()
    assert job.title == "A sample job" and job.attempts == 2


def test_work_that_fails_fails_the_job_saves_nothing_and_keeps_its_words_to_itself(
    administrator,
):
    job = job_start(kind="sample", title="A broken job", task=broken, by=administrator)
    tasks_run_queued()
    job.refresh_from_db()
    assert job.status == "failed" and job.stage == "It stopped because something went wrong"
    assert runs_of(job) == 0
    assert "Mrs Example" not in str(DBTaskResult.objects.values().get())


def test_a_job_that_never_reached_the_queue_is_sent(job):
    DBTaskResult.objects.all().delete()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(task_result_id="", created_at=long_ago)
    assert jobs_recover() == (1, 0)
    tasks_run_queued()
    assert Job.objects.get().status == "done"
