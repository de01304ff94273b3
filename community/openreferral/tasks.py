"""Checking or importing Open Referral UK data as a job. The upload waits in the jobs' file
storage, the task is given the job's id only, and the report is kept there for the job's page.
An import and its job's end are saved in one transaction: all of it, once, or nothing."""

import dataclasses
import json
from collections.abc import Sequence

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from accounts.models import User
from jobs.models import Job
from jobs.running import job_task
from jobs.services import job_finish, job_progress, job_start

from .importing import ImportReport, import_directory
from .reading import Problem, Upload

KINDS = {True: "openreferral_check", False: "openreferral_import"}
TITLES = {True: "Checking Open Referral UK data", False: "Importing Open Referral UK data"}


def _folder(job: Job) -> str:
    return f"openreferral/{job.pk}"


@transaction.atomic
def directory_import_start(*, files: Sequence[UploadedFile], dry_run: bool, by: User) -> Job:
    """Keeps the files and starts the job that checks them, and imports them unless `dry_run`."""
    job = job_start(
        kind=KINDS[dry_run],
        title=TITLES[dry_run],
        task=directory_import_run,
        by=by,
        result_page="community:open_referral_report",
    )
    storage = storages["jobs"]
    kept = [
        {"name": upload.name, "stored": storage.save(f"{_folder(job)}/upload-{n}", upload)}
        for n, upload in enumerate(files)
    ]
    request = json.dumps({"dry_run": dry_run, "files": kept}).encode()
    storage.save(f"{_folder(job)}/request.json", ContentFile(request))
    return job


@task()
@job_task
def directory_import_run(job: Job) -> None:
    storage = storages["jobs"]
    with storage.open(f"{_folder(job)}/request.json") as file:
        request = json.load(file)
    uploads = []
    for kept in request["files"]:
        with storage.open(kept["stored"]) as file:
            uploads.append(Upload(kept["name"], file.read()))

    def finish(report: ImportReport) -> None:
        job_finish(job, result=_report_save(job, report), stage=_outcome(report))

    report = import_directory(
        uploads,
        by=job.by,
        dry_run=request["dry_run"],
        progress=lambda stage: job_progress(job, stage=stage),
        then=finish,
    )
    if job.status == Job.Status.RUNNING:  # problems found: nothing was saved
        finish(report)
    for kept in request["files"]:
        storage.delete(kept["stored"])


def _outcome(report: ImportReport) -> str:
    if report.problems:
        return f"The data has {len(report.problems)} problems, so nothing was saved"
    if report.dry_run:
        return f"No problems found: {report.summary}, if imported"
    return f"Imported {report.summary}"


def _report_save(job: Job, report: ImportReport) -> str:
    name = f"{_folder(job)}/report.json"
    storage = storages["jobs"]
    storage.delete(name)  # a run after a worker died writes it again
    return storage.save(name, ContentFile(json.dumps(dataclasses.asdict(report)).encode()))


def directory_import_report(job: Job) -> ImportReport | None:
    """The report of a finished check or import, or None if the job is not one."""
    if job.kind not in KINDS.values() or job.status != Job.Status.DONE or not job.result:
        return None
    try:
        with storages["jobs"].open(job.result) as file:
            saved = json.load(file)
    except FileNotFoundError:
        return None
    saved["problems"] = [Problem(**problem) for problem in saved["problems"]]
    return ImportReport(**saved)
