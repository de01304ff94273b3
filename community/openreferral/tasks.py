"""Open Referral UK work done as jobs, each task given the job's id only; what a job needs and
makes is kept in the jobs' file storage.

Checking or importing: the upload waits there, and the report is kept there for the job's
page. An import and its job's end are saved in one transaction: all of it, once, or nothing.

Exporting: the directory written to a file there, a chunk of resources at a time, the same
bytes as the streamed download; its job's page links to the file until it is tidied away.
"""

import dataclasses
import datetime
import json
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from jobs.files import job_folders_tidy, job_request, job_request_keep
from jobs.models import Job
from jobs.running import job_task
from jobs.services import job_finish, job_progress, job_start

from .exporting import resources_to_export
from .feeds import FeedError, feed_read
from .importing import ImportReport, import_directory
from .reading import Problem, Upload
from .streaming import json_pieces, zip_pieces

KINDS = {True: "openreferral_check", False: "openreferral_import"}
TITLES = {True: "Checking Open Referral UK data", False: "Importing Open Referral UK data"}


IMPORTS = "openreferral"


def _folder(job: Job) -> str:
    return f"{IMPORTS}/{job.pk}"


@transaction.atomic
def directory_import_start(*, files: Sequence[File], dry_run: bool, by: User) -> Job:
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
    job_request_keep(IMPORTS, job, {"dry_run": dry_run, "files": kept})
    return job


@task()
@job_task
def directory_import_run(job: Job) -> None:
    storage = storages["jobs"]
    request = job_request(IMPORTS, job.pk)
    # Read from where they are kept, a piece at a time.
    uploads = [
        Upload(kept["name"], partial(storage.open, kept["stored"])) for kept in request["files"]
    ]

    report = _import_for(job, uploads, dry_run=request["dry_run"])
    if report.ok and report.dry_run:
        return  # kept, to be imported without being sent again (`directory_import_checked`)
    for kept in request["files"]:
        storage.delete(kept["stored"])


def _import_for(job: Job, uploads: list[Upload], *, dry_run: bool) -> ImportReport:
    """Checks, and unless `dry_run` imports, `uploads` for `job`: its progress told as it goes,
    its end saved with what the import saves (or alone, when the data has problems)."""

    def finish(report: ImportReport) -> None:
        job_finish(job, result=_report_save(job, report), stage=_outcome(report))

    report = import_directory(
        uploads,
        by=job.by,
        dry_run=dry_run,
        progress=lambda stage: job_progress(job, stage=stage),
        then=finish,
    )
    if job.status == Job.Status.RUNNING:  # problems found: nothing was saved
        finish(report)
    return report


def _importable_files(check: Job) -> list[dict] | None:
    """The files `check` kept, if it found nothing wrong and still keeps all of them."""
    report = directory_import_report(check)
    if report is None or not report.dry_run or not report.ok:
        return None
    try:
        kept = job_request(IMPORTS, check.pk)["files"]
    except FileNotFoundError:
        return None
    storage = storages["jobs"]
    return kept if all(storage.exists(file["stored"]) for file in kept) else None


def checked_and_importable(check: Job) -> bool:
    """Whether `check` found nothing wrong and still keeps the files it checked."""
    return _importable_files(check) is not None


@transaction.atomic
def directory_import_checked(*, check: Job, by: User) -> Job | None:
    """Starts importing the files that `check` found nothing wrong with, as they were kept:
    the administrator does not send them again. None if they cannot be imported (the check
    found problems, or its files have been tidied away)."""
    kept = _importable_files(check)
    if kept is None:
        return None
    storage = storages["jobs"]
    opened = []
    try:
        for file in kept:
            opened.append(storage.open(file["stored"]))
    except FileNotFoundError:  # another click took them a moment ago
        for handle in opened:
            handle.close()
        return None
    try:
        files = [File(handle, name=file["name"]) for handle, file in zip(opened, kept, strict=True)]
        job = directory_import_start(files=files, dry_run=False, by=by)
    finally:
        for handle in opened:
            handle.close()
    for file in kept:
        storage.delete(file["stored"])
    return job


def directory_checks_tidy(*, older_than: datetime.timedelta) -> int:
    """Deletes the files that checks kept for importing, once the checks are `older_than`
    old; their reports stay. How many checks' files it deleted."""
    storage = storages["jobs"]
    ended = timezone.now() - older_than
    checks = Job.objects.filter(kind=KINDS[True], finished_at__lt=ended)
    tidied = 0
    for pk in checks.values_list("pk", flat=True).iterator():
        try:
            kept = job_request(IMPORTS, pk)["files"]
        except FileNotFoundError:
            continue
        present = [file["stored"] for file in kept if storage.exists(file["stored"])]
        for name in present:
            storage.delete(name)
        tidied += bool(present)
    return tidied


FEED_KIND = "openreferral_feed"


@transaction.atomic
def directory_feed_start(*, url: str, by: User) -> Job:
    """Starts the job that reads another directory's feed (`feeds.feed_read`) and imports it."""
    job = job_start(
        kind=FEED_KIND,
        title="Importing another directory's Open Referral UK feed",
        task=directory_feed_run,
        by=by,
        result_page="community:open_referral_report",
    )
    job_request_keep(IMPORTS, job, {"url": url})
    return job


@task()
@job_task
def directory_feed_run(job: Job) -> None:
    url = job_request(IMPORTS, job.pk)["url"]
    # What is read waits on this worker's disk, for as long as the job runs.
    with tempfile.NamedTemporaryFile(prefix="openreferral-feed-", suffix=".json") as read:
        try:
            feed_read(url, lambda stage: job_progress(job, stage=stage), read)
        except FeedError as error:
            report = ImportReport(files=[url], dry_run=False)
            report.problems.append(Problem(url, None, "", str(error)))
            job_finish(job, result=_report_save(job, report), stage=_outcome(report))
            return
        read.flush()
        # Named as what was read, and as JSON, which is how the import reads it.
        upload = Upload.on_disk(f"{url.rstrip('/')}/services.json", read.name)
        _import_for(job, [upload], dry_run=False)


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
    readable = [*KINDS.values(), FEED_KIND]
    if job.kind not in readable or job.status != Job.Status.DONE or not job.result:
        return None
    try:
        with storages["jobs"].open(job.result) as file:
            saved = json.load(file)
    except FileNotFoundError:
        return None
    saved["problems"] = [Problem(**problem) for problem in saved["problems"]]
    return ImportReport(**saved)


EXPORT_KIND = "openreferral_export"
EXPORT_TITLES = {
    "json": "Exporting the directory as Open Referral UK (JSON)",
    "zip": "Exporting the directory as Open Referral UK (CSV tables, zipped)",
}
EXPORT_PIECES = {"json": json_pieces, "zip": zip_pieces}
EXPORTS = "openreferral-export"


def _export_folder(job: Job) -> str:
    return f"{EXPORTS}/{job.pk}"


@transaction.atomic
def directory_export_start(*, kind: str, by: User) -> Job:
    """Starts the job that writes the whole directory to a file: "json", or "zip" of CSV
    tables."""
    if kind not in EXPORT_TITLES:
        raise ValueError(f"No export of kind {kind!r}")
    job = job_start(
        kind=EXPORT_KIND,
        title=EXPORT_TITLES[kind],
        task=directory_export_run,
        by=by,
        result_page="community:open_referral_export_file",
    )
    job_request_keep(EXPORTS, job, {"kind": kind})
    return job


@task()
@job_task
def directory_export_run(job: Job) -> None:
    storage = storages["jobs"]
    kind = job_request(EXPORTS, job.pk)["kind"]
    resources = resources_to_export()
    total = resources.count()
    written = 0

    def progress(done: int) -> None:
        nonlocal written
        written = done
        job_progress(job, stage="Writing services", done=done, total=total)

    progress(0)
    name = f"{_export_folder(job)}/directory.{kind}"
    # Written to disk a piece at a time, so that memory stays flat however big the directory.
    with tempfile.TemporaryFile(prefix="openreferral-export-") as written_file:
        for piece in EXPORT_PIECES[kind](resources, progress=progress):
            written_file.write(piece)
        job_progress(job, stage="Saving the file")  # still this worker's job, or stop here
        storage.delete(name)  # a run after a worker died writes it again
        stored = storage.save(name, File(written_file))
    services = "service" if written == 1 else "services"
    job_finish(job, result=stored, stage=f"Exported {written} {services}")


def directory_export_file(job: Job) -> tuple[File, str] | None:
    """The file a finished export made, opened, and its kind ("json" or "zip"); None if the job
    is not an export, is not done, or its file is gone."""
    if job.kind != EXPORT_KIND or job.status != Job.Status.DONE or not job.result:
        return None
    try:
        file = storages["jobs"].open(job.result)
    except FileNotFoundError:
        return None
    return file, PurePosixPath(job.result).suffix.removeprefix(".")


def directory_exports_tidy(*, older_than: datetime.timedelta) -> int:
    """Deletes the files of the exports that finished more than `older_than` ago, and clears
    the result their jobs' pages link to. How many exports' files it deleted."""
    return job_folders_tidy(folder=EXPORTS, kind=EXPORT_KIND, older_than=older_than)
