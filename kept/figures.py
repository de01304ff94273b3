"""Figures that are costly to work out (the service measures, a team's caseload), kept a
while in the cache every app server shares.

Each is kept with the time it was worked out, and never shown once older than this server's
limit, whichever server kept it and for however long it meant to: with several app servers,
no page shows figures older than the setting allows. A key names everything the figures count
by, and a version raised whenever what is kept changes shape, so that while one release
replaces another, neither reads the other's.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")


def kept_figures(key: str, *, seconds: int, work_out: Callable[[], T]) -> T:
    """The figures kept under `key` if they are at most `seconds` old; otherwise worked out
    afresh and kept. With `seconds` 0 or less, always worked out afresh and never kept."""
    if seconds <= 0:
        return work_out()
    kept = cache.get(key)
    if kept is not None and time.time() - kept[0] <= seconds:
        return kept[1]
    # Timed from before the first query: their age is that of what they count.
    worked_out_at = time.time()
    figures = work_out()
    cache.set(key, (worked_out_at, figures), timeout=seconds)
    return figures
