"""Preparing a subject access export as a job, outside any web request: a very big record takes
a while. The task is given the job's id only; who the export is about, and why, wait in the
jobs' file storage beside the JSON file it makes. The files are personal data: they are deleted
SUBJECT_ACCESS_EXPORT_DAYS after the job ends (`subject_access_exports_tidy`), and at once when
the person is anonymised (`subject_access_exports_delete`)."""

import datetime
import tempfile
import uuid
from dataclasses import dataclass

from django.core.files.base import File
from django.core.files.storage import storages
from django.db import transaction
from django_tasks import task

from accounts.models import User
from jobs.files import (
    job_folders,
    job_folders_delete,
    job_folders_tidy,
    job_request,
    job_request_keep,
)
from jobs.models import Job
from jobs.running import job_task
from jobs.services import job_fail, job_finish, job_progress, job_start
from people.models import Person

from .subject_access import PARTS, Part, as_json_text

KIND = "subject_access_export"
FOLDER = "subject-access"


@dataclass(frozen=True)
class Export:
    """A finished export: whose (the person's id), why, and its file in the jobs' storage."""

    person: int
    reason: str
    stored: str


def _folder(job_id: uuid.UUID | str) -> str:
    return f"{FOLDER}/{job_id}"


def _asked(job_id: uuid.UUID | str) -> dict | None:
    """What the export was asked for (the person's id and the reason), or None if its file
    is gone."""
    try:
        return job_request(FOLDER, job_id)
    except FileNotFoundError:
        return None


@transaction.atomic
def subject_access_export_start(*, person: Person, reason: str, by: User) -> Job:
    """Starts the job that writes everything held about `person` to a JSON file."""
    job = job_start(
        kind=KIND,
        title="Preparing a subject access export",
        task=subject_access_export_run,
        by=by,
        result_page="personal_data:subject_access_download",
    )
    job_request_keep(FOLDER, job, {"person": person.pk, "reason": reason})
    return job


@task()
@job_task
def subject_access_export_run(job: Job) -> None:
    """Writes everything held about the person to the job's export.json, a part at a time."""
    asked = _asked(job.pk)
    there = Person.objects.filter(anonymised_on__isnull=True)
    person = there.filter(pk=asked["person"]).first() if asked else None
    if person is None:
        job_fail(job, stage="There is no record to export: it was anonymised or removed")
        return

    def reading(done: int, part: Part) -> None:
        stage = f"Reading {part.title[0].lower()}{part.title[1:]}"
        job_progress(job, stage=stage, done=done, total=len(PARTS))

    storage = storages["jobs"]
    name = f"{_folder(job.pk)}/export.json"
    with tempfile.TemporaryFile() as written:
        for text in as_json_text(person, reading=reading):
            written.write(text.encode())
        storage.delete(name)  # a run after a worker died writes it again
        stored = storage.save(name, File(written, name="export.json"))
    with transaction.atomic():
        # Anonymising locks the person's row too: whichever comes second sees the other's work.
        still = Person.objects.select_for_update().filter(pk=person.pk, anonymised_on=None)
        if not still.exists():
            storage.delete(stored)
            job_fail(job, stage="There is no record to export: it was anonymised")
            return
        job_finish(job, result=stored, stage="The JSON file is ready")


def subject_access_export_of(job: Job) -> Export | None:
    """The finished export `job` made, or None if it is not one (or was deleted)."""
    if job.kind != KIND or job.status != Job.Status.DONE or not job.result:
        return None
    asked = _asked(job.pk)
    if asked is None:
        return None
    return Export(person=asked["person"], reason=asked["reason"], stored=job.result)


def subject_access_exports_tidy(*, days: int) -> int:
    """Deletes the files of the exports whose jobs ended more than `days` days ago, and
    clears those jobs' result. How many were deleted."""
    return job_folders_tidy(folder=FOLDER, kind=KIND, older_than=datetime.timedelta(days=days))


def subject_access_exports_delete(*, person: Person) -> None:
    """Deletes every export kept about `person`, whoever made it and however recently."""
    theirs = [
        job_id
        for job_id in job_folders(FOLDER)
        if (_asked(job_id) or {}).get("person") == person.pk
    ]
    job_folders_delete(FOLDER, theirs)
