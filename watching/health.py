"""What a load balancer asks: can this server answer? Each check is a function in CHECKS
that answers "ok" or "not configured", or raises CheckFailed with a short, fixed reason
(never an exception's message, which can name a host or hold a password). The scheduler's
answer is told but does not fail the server: a server can answer while the workers are down."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, connections
from django.utils import timezone

from jobs.models import PeriodicRun
from jobs.schedule import RECOVERY, RECOVERY_EVERY
from reading.databases import REPLICA

OK = "ok"
NOT_CONFIGURED = "not configured"


class CheckFailed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        raise CheckFailed("cannot query the database") from None
    return OK


def replica() -> str:
    if REPLICA not in settings.DATABASES:
        return NOT_CONFIGURED
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        raise CheckFailed("cannot query the read replica") from None
    return OK


def cache_check() -> str:
    try:
        cache.set("watching:health", "ok", timeout=10)
        answered = cache.get("watching:health")
    except Exception:  # Any backend's own error (Redis, memcached) means the same.
        raise CheckFailed("cannot use the cache") from None
    if answered != "ok":
        raise CheckFailed("the cache did not keep a value")
    return OK


# The scheduler's recovery sweep runs every minute; missing three means no worker (or cron
# job) is running it.
SCHEDULER_LATE = 3 * RECOVERY_EVERY


def scheduler() -> str:
    """Whether a worker (or cron's jobs_schedule) has run the scheduler lately."""
    last = PeriodicRun.objects.filter(name=RECOVERY).values_list("last_run_at", flat=True).first()
    if last is None:
        raise CheckFailed("the scheduler has not run yet")
    late = timezone.now() - last
    if late > SCHEDULER_LATE:
        minutes = late // datetime.timedelta(minutes=1)
        raise CheckFailed(f"the scheduler last ran {minutes} minutes ago")
    return OK


CHECKS: dict[str, Callable[[], str]] = {
    "database": database,
    "replica": replica,
    "cache": cache_check,
}
# Told, never failing the server.
NOTICES: dict[str, Callable[[], str]] = {"scheduler": scheduler}


def checks_run() -> tuple[bool, dict[str, str]]:
    """Every check's answer by name, and whether all passed."""
    results: dict[str, str] = {}
    healthy = True
    for name, check in (CHECKS | NOTICES).items():
        try:
            results[name] = check()
        except CheckFailed as failed:
            results[name] = failed.reason
            healthy = healthy and name in NOTICES
    return healthy, results
