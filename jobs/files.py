"""What jobs keep in their file storage (`storages["jobs"]`): each job's files in a folder of
its own, `<kind's folder>/<job id>/`, and the one way such folders are deleted, when they have
been kept long enough or at once."""

import contextlib
import datetime
import json
import uuid
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from .models import Job


def job_request_keep(folder: str, job: Job, asked: dict) -> None:
    """Keeps what `job` was asked to do in its folder: its task is given the job's id only."""
    storages["jobs"].save(
        f"{folder}/{job.pk}/request.json", ContentFile(json.dumps(asked).encode())
    )


def job_request(folder: str, job_id: uuid.UUID | str) -> dict:
    """What the job was asked to do (FileNotFoundError once its folder is gone)."""
    with storages["jobs"].open(f"{folder}/{job_id}/request.json") as file:
        return json.load(file)


def job_folders(folder: str) -> list[uuid.UUID]:
    """The ids of the jobs whose folders are in `folder`."""
    try:
        names, _ = storages["jobs"].listdir(folder)
    except FileNotFoundError:
        return []
    found = []
    for name in names:
        with contextlib.suppress(ValueError):
            found.append(uuid.UUID(name))
    return found


def job_folders_delete(folder: str, job_ids: Iterable[uuid.UUID]) -> None:
    """Deletes the jobs' folders, and clears the result their pages link to."""
    storage = storages["jobs"]
    job_ids = list(job_ids)
    for job_id in job_ids:
        kept = f"{folder}/{job_id}"
        try:
            _, names = storage.listdir(kept)
        except FileNotFoundError:
            continue
        for name in names:
            storage.delete(f"{kept}/{name}")
        # The empty folder, where a storage has folders.
        with contextlib.suppress(OSError):
            storage.delete(kept)
    Job.objects.filter(pk__in=job_ids).update(result="", result_page="")


def job_folders_tidy(*, folder: str, kind: str, older_than: datetime.timedelta) -> int:
    """Deletes the folders of the `kind` jobs that finished more than `older_than` ago; a
    folder whose job is running, or not yet saved (it is saved with its job), stays. How many
    it deleted."""
    ended = timezone.now() - older_than
    old = list(
        Job.objects.filter(
            kind=kind, finished_at__lt=ended, pk__in=job_folders(folder)
        ).values_list("pk", flat=True)
    )
    job_folders_delete(folder, old)
    return len(old)
