"""The body of every job's task: claim the job, renew its lease while working, end it."""

import functools
import logging
import threading
from collections.abc import Callable
from types import TracebackType

from django.conf import settings
from django.db import DatabaseError, connections

from .models import Job
from .services import JobLost, job_claim, job_fail, job_finish, job_lease_renew

logger = logging.getLogger(__name__)


def job_task(work: Callable[[Job], None]) -> Callable[[str], None]:
    """Makes `work(job)` a task's function, given the job's id. It works only on a waiting
    job, so a task delivered twice, or one whose job is done, does nothing; work that raises
    fails the job (logged; the page says only that it stopped); work that does not finish its
    job is finished here. Use under `@task()`."""

    @functools.wraps(work)
    def run(job_id: str) -> None:
        job = job_claim(job_id)
        if job is None:
            logger.info("Job %s is not waiting; nothing to do", job_id)
            return
        with _Heartbeat(job):
            try:
                work(job)
                if job.status == Job.Status.RUNNING:
                    job_finish(job)
            except JobLost:
                logger.warning("Job %s was taken by another worker; this run saved nothing", job_id)
            except Exception:
                logger.exception("Job %s failed", job_id)
                job_fail(job, stage="It stopped because something went wrong")

    return run


class _Heartbeat:
    """Renews the job's lease on a connection of its own while the work runs, so that the
    lease holds through a long transaction; if the process dies, so does the heartbeat."""

    def __init__(self, job: Job):
        self.job = job
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"job-{job.pk}", daemon=True)

    def __enter__(self) -> None:
        self.thread.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(settings.JOBS_LEASE_SECONDS / 3):
                try:
                    if not job_lease_renew(self.job):
                        return
                except DatabaseError:
                    # SQLite lets one writer at a time: a beat missed is tried again.
                    logger.warning("Could not renew the lease of job %s", self.job.pk)
        finally:
            connections.close_all()
