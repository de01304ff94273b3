"""Starting jobs, their progress and end, and running again those whose worker died.

A job's task is given the job's id and nothing else. Every change a worker makes to its job is
fenced by the attempt it claimed: once the lease ran out and the job was handed to another
worker, the first one's progress and finish change nothing and raise `JobLost`, so that work
finished in the same transaction as the job is undone rather than saved twice.
"""

import datetime
import logging
from functools import partial
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db import DatabaseBackend

from .models import Job

if TYPE_CHECKING:
    from django_tasks.base import Task

logger = logging.getLogger(__name__)


class JobLost(Exception):
    """This worker no longer holds the job: what it did must not be saved."""


def _lease() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=settings.JOBS_LEASE_SECONDS)


@transaction.atomic
def job_start(
    *, kind: str, title: str, task: "Task[[str], Any]", by: Any, result_page: str = ""
) -> Job:
    """Records a job and queues its task, which is given the job's id only."""
    job = Job.objects.create(
        kind=kind, title=title, task_path=task.module_path, by=by, result_page=result_page
    )
    _enqueue(job)
    return job


def _enqueue(job: Job) -> None:
    task = import_string(job.task_path)
    if isinstance(task.get_backend(), DatabaseBackend):
        # The job and its task are rows in one transaction: both are saved, or neither.
        _send(task, job.pk)
    else:
        # A queue elsewhere (Redis) must not hand out a job before its row is there to read.
        # Should sending fail after the commit, the recovery sweep sends it later.
        transaction.on_commit(partial(_send, task, job.pk))


def _send(task: "Task[[str], Any]", job_id: UUID) -> None:
    result = task.enqueue(str(job_id))
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))


def job_claim(job_id: str | UUID) -> Job | None:
    """Takes a waiting job for this worker; None if it is finished, or running elsewhere (a
    task delivered twice does the work once)."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status=Job.Status.WAITING).first()
        if job is None:
            return None
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.leased_until = _lease()
        job.started_at = job.started_at or now
        job.stage = "Starting"
        job.save(update_fields=["status", "attempts", "leased_until", "started_at", "stage"])
    return job


def _held(job: Job) -> Any:
    return Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts)


def job_progress(
    job: Job, *, stage: str, done: int | None = None, total: int | None = None
) -> None:
    """Says how far the job has got, in plain words, and renews its lease. Call it outside
    the transaction that saves the work: inside, no one would see it until the end."""
    job.stage = stage[:200]
    if done is not None:
        job.done = done
    if total is not None:
        job.total = total
    job.leased_until = _lease()
    fields = {"stage": job.stage, "done": job.done, "total": job.total}
    if not _held(job).update(leased_until=job.leased_until, **fields):
        raise JobLost(job.pk)


def job_lease_renew(job: Job) -> bool:
    """The heartbeat: whether this worker still holds the job."""
    return bool(_held(job).update(leased_until=_lease()))


def job_finish(job: Job, *, result: str = "", stage: str = "Done") -> None:
    """Marks the job done with a reference to what it made. Call it inside the transaction
    that saves the work, so that the work and its job's end are saved together or not at all."""
    now = timezone.now()
    if job.total is not None:
        job.done = job.total
    changes = {"status": Job.Status.DONE, "result": result, "stage": stage[:200]}
    if not _held(job).update(leased_until=None, finished_at=now, done=job.done, **changes):
        raise JobLost(job.pk)
    job.status, job.result, job.stage, job.finished_at = Job.Status.DONE, result, stage, now


def job_fail(job: Job, *, stage: str) -> None:
    """Marks the job failed, saying why in plain words (never an error's own text, which may
    hold personal data)."""
    now = timezone.now()
    changes = {"status": Job.Status.FAILED, "stage": stage[:200], "finished_at": now}
    if _held(job).update(leased_until=None, **changes):
        job.status, job.stage, job.finished_at = Job.Status.FAILED, stage, now


def jobs_recover() -> tuple[int, int]:
    """Runs again each running job whose lease ran out (its worker died), up to
    JOBS_MAX_ATTEMPTS runs in all, after which it fails; and sends again any job whose task
    never reached the queue. How many were sent again, and how many failed."""
    now = timezone.now()
    sent = failed = 0
    with transaction.atomic():
        never_sent = Q(
            status=Job.Status.WAITING,
            task_result_id="",
            created_at__lt=now - datetime.timedelta(seconds=settings.JOBS_LEASE_SECONDS),
        )
        lapsed = Q(status=Job.Status.RUNNING, leased_until__lt=now)
        for job in Job.objects.select_for_update(skip_locked=True).filter(lapsed | never_sent):
            if job.status == Job.Status.RUNNING and job.attempts >= settings.JOBS_MAX_ATTEMPTS:
                job.status, job.finished_at, job.leased_until = Job.Status.FAILED, now, None
                job.stage = f"It stopped: its worker stopped {job.attempts} times"
                job.save(update_fields=["status", "finished_at", "leased_until", "stage"])
                failed += 1
                continue
            if job.status == Job.Status.RUNNING:
                logger.warning("Job %s lost its worker; running it again", job.pk)
                job.status, job.leased_until, job.task_result_id = Job.Status.WAITING, None, ""
                job.stage = "Waiting to start again"
                job.save(update_fields=["status", "leased_until", "task_result_id", "stage"])
            _enqueue(job)
            sent += 1
    return sent, failed
