"""Tasks for the tests: their work is a row named for the job, so a test counts the runs."""

from django.db import transaction
from django_tasks import task

from jobs.models import Job, PeriodicRun
from jobs.running import job_task
from jobs.services import job_finish, job_progress


def runs_of(job: Job) -> int:
    return PeriodicRun.objects.filter(name__startswith=f"work of {job.pk}").count()


@task()
@job_task
def work(job: Job) -> None:
    job_progress(job, stage="Working", done=0, total=2)
    with transaction.atomic():
        PeriodicRun.objects.create(
            name=f"work of {job.pk} {job.attempts}", last_run_at=job.created_at
        )
        job_finish(job, result="a reference", stage="Worked")


@task()
@job_task
def broken(job: Job) -> None:
    with transaction.atomic():
        PeriodicRun.objects.create(name=f"work of {job.pk}", last_run_at=job.created_at)
        raise RuntimeError("Mrs Example's record could not be read")
