"""What a load balancer asks: can this server answer? Each check is a function in CHECKS
that answers "ok" or "not configured", or raises CheckFailed with a short, fixed reason
(never an exception's message, which can name a host or hold a password)."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError, connection

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


def cache_check() -> str:
    try:
        cache.set("watching:health", "ok", timeout=10)
        answered = cache.get("watching:health")
    except Exception:  # Any backend's own error (Redis, memcached) means the same.
        raise CheckFailed("cannot use the cache") from None
    if answered != "ok":
        raise CheckFailed("the cache did not keep a value")
    return OK


def worker() -> str:
    # No background worker yet: when there is one, its check (a recent heartbeat) goes here.
    return NOT_CONFIGURED


CHECKS: dict[str, Callable[[], str]] = {
    "database": database,
    "cache": cache_check,
    "worker": worker,
}


def checks_run() -> tuple[bool, dict[str, str]]:
    """Every check's answer by name, and whether all passed."""
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except CheckFailed as failed:
            results[name] = failed.reason
            healthy = False
    return healthy, results
