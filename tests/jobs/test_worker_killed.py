"""A real worker, killed in the middle of an Open Referral import: nothing of it is saved, and a
worker started afterwards runs the job again to the end, once.

The worker is `manage.py run_worker` in a process of its own, on the test database. To kill it
at a known point, the test holds a lock on the directory's table: the worker's import blocks on
its first insert, inside its transaction, and is killed there (SIGKILL: no clean-up runs).
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from community.models import Category, CommunityResource
from community.openreferral.tasks import directory_import_start
from jobs.models import Job, PeriodicRun
from jobs.schedule import RECOVERY
from tests.community.openreferral_data import SAMPLE, sample_services
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
TABLE = CommunityResource._meta.db_table
LEASE_SECONDS = 2
WAIT_SECONDS = 60


def url_for(name: str) -> str:
    settings = connection.settings_dict
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def until(condition: Callable[[], object], what: str) -> None:
    """Waits for the condition itself, checking often, failing after a minute."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Still waiting, after {WAIT_SECONDS} s, for {what}")
        time.sleep(0.05)


def worker(tmp_path: Path, log: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": url_for(connection.settings_dict["NAME"]),
        "JOBS_FILES_DIR": str(tmp_path / "jobs"),  # where the test's own settings keep them
        "JOBS_LEASE_SECONDS": str(LEASE_SECONDS),
        "DEBUG": "0",
        "SECRET_KEY": "a-key-for-the-worker-under-test",
        "REDIS_URL": "",
        "REDIS_QUEUE_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    with open(tmp_path / log, "w") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.1"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def others_busy() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state NOT IN ('idle')"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Workers on other processes share the production database, PostgreSQL: this runs "
    "in CI's PostgreSQL pass",
)
def test_an_import_whose_worker_was_killed_is_all_or_nothing_and_finishes_after(
    transactional_db, tmp_path
):
    services = len(sample_services())
    administrator = UserFactory()
    upload = SimpleUploadedFile("directory.json", SAMPLE.read_bytes())
    job = directory_import_start(files=[upload], dry_run=False, by=administrator)
    workers: list[subprocess.Popen] = []
    try:
        with psycopg.connect(url_for(connection.settings_dict["NAME"])) as holder:
            holder.execute(f'LOCK TABLE "{TABLE}" IN SHARE MODE')
            workers.append(worker(tmp_path, "first.log"))
            until(
                lambda: (
                    Job.objects.get(pk=job.pk).stage == "Saving the directory"
                    and waiting_on_a_lock()
                ),
                "the worker to block inside the import's transaction",
            )
            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait()
            holder.rollback()  # the lock goes; the dead worker's transaction cannot commit
        until(lambda: not others_busy(), "the dead worker's connections to end")
        job.refresh_from_db()
        assert job.status == "running" and job.attempts == 1
        assert not CommunityResource.objects.exists() and not Category.objects.exists()

        # Its lease runs out; a worker started now runs the recovery sweep at once (it would
        # within a minute anyway) and the job again.
        until(
            lambda: Job.objects.filter(pk=job.pk, leased_until__lt=timezone.now()).exists(),
            "the lease to run out",
        )
        PeriodicRun.objects.filter(name=RECOVERY).delete()
        workers.append(worker(tmp_path, "second.log"))
        until(lambda: Job.objects.get(pk=job.pk).is_finished, "the job to finish")
        job.refresh_from_db()
        log = (tmp_path / "second.log").read_text()
        assert (job.status, job.attempts) == ("done", 2), log
        assert job.stage.startswith("Imported")
        assert CommunityResource.objects.count() == services
    finally:
        for process in workers:
            process.kill()
            process.wait()
