"""The jobs' own tasks: the periodic management commands."""

import io

from django.core.management import call_command
from django.db import transaction
from django_tasks import task

from .models import Job
from .running import job_task
from .schedule import PERIODIC
from .services import job_finish


@task()
@job_task
def command_run(job: Job) -> None:
    """Runs the periodic command the job is named for; its changes and the job's end are saved
    together. Its output is not kept: it may name people."""
    if job.kind not in PERIODIC:
        raise ValueError("Not a periodic command")
    with transaction.atomic():
        call_command(job.kind, stdout=io.StringIO(), stderr=io.StringIO())
        job_finish(job)
