"""A job someone started or the scheduler ran, and when each periodic job last ran."""

import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    """One piece of work done outside a web request: what it is, who started it, how far it
    has got and what it made. It names records and stored files, never what they hold."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    # The job's address (jobs/<uuid>/) and the only argument its task is given.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=100)  # e.g. "openreferral_import", a command's name
    title = models.CharField(max_length=200)  # in plain words, for its page
    task_path = models.CharField(max_length=255)  # the task to enqueue again after a failure
    task_result_id = models.CharField(max_length=64, blank=True)  # the Tasks backend's id
    # Null when the scheduler ran it.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    stage = models.CharField(max_length=200, blank=True)  # what it is doing, in plain words
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A running job's worker renews this while it works; past it, the worker is taken to have
    # died and the recovery sweep runs the job again.
    leased_until = models.DateTimeField(null=True, blank=True)
    # A reference to what it made (a record's id, a stored file's name); never personal data.
    result = models.CharField(max_length=255, blank=True)
    # The page that shows the result (a URL name taking the job's id), if there is one.
    result_page = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "leased_until"], name="jobs_status_lease")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, 100 * self.done // self.total)


class PeriodicRun(models.Model):
    """When a periodic job was last enqueued: the guard that lets one worker of several do it."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}, last run {self.last_run_at:%Y-%m-%d %H:%M}"
