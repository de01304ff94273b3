"""The periodic jobs, and the one guard that lets only one worker of several start each."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .models import Job, PeriodicRun
from .services import job_start, jobs_recover


@dataclass(frozen=True)
class Periodic:
    title: str
    every: datetime.timedelta


# Management commands run as jobs (jobs.tasks.command_run), by the scheduler.
PERIODIC = {
    "anonymise_closed_records": Periodic(
        "Anonymise closed records past their retention", datetime.timedelta(days=1)
    ),
    "clearsessions": Periodic("Remove expired sessions", datetime.timedelta(days=1)),
    "subject_access_exports_tidy": Periodic(
        "Delete subject access exports past their keeping", datetime.timedelta(days=1)
    ),
    "openreferral_exports_tidy": Periodic(
        "Delete Open Referral UK exports past their keeping", datetime.timedelta(days=1)
    ),
    "openreferral_feeds_refresh": Periodic(
        "Read again the Open Referral UK feeds marked for every day", datetime.timedelta(days=1)
    ),
}
# The recovery sweep is quick, and runs in the scheduler itself rather than as a job.
RECOVERY = "jobs_recover"
RECOVERY_EVERY = datetime.timedelta(minutes=1)
NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def periodic_due(name: str, every: datetime.timedelta) -> bool:
    """Whether `name` is due and this caller is the one to run it: the last run moves to now
    in one conditional update, which only one of several workers can make."""
    PeriodicRun.objects.bulk_create(
        [PeriodicRun(name=name, last_run_at=NEVER)], ignore_conflicts=True
    )
    now = timezone.now()
    due = PeriodicRun.objects.filter(name=name, last_run_at__lte=now - every)
    return bool(due.update(last_run_at=now))


def schedule_run() -> list[str]:
    """One round of the scheduler: the recovery sweep, and a job for each periodic command
    that is due. What it started, by name."""
    from .tasks import command_run

    started = []
    if periodic_due(RECOVERY, RECOVERY_EVERY):
        jobs_recover()
        started.append(RECOVERY)
    for name, periodic in PERIODIC.items():
        if periodic_due(name, periodic.every):
            job_start(kind=name, title=periodic.title, task=command_run, by=None)
            started.append(name)
    return started


def last_jobs() -> list[Job]:
    """The latest job of each periodic command, for the worker's log."""
    return [job for name in PERIODIC if (job := Job.objects.filter(kind=name).first())]
