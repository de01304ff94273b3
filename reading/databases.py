"""Which database a read goes to: the read replica for the reads that may be a moment behind
the primary (DATABASE_REPLICA_URL), the primary for everything else.

Nothing sends reads to the replica by itself. A selector whose read may lag says so with
`.using(replica())`, and the whole queryset runs there: its joins, its subqueries (even those
built from `Model.objects`, which Django compiles into the outer query's SQL), its prefetches
and the related rows its objects fetch later. Every write, and every page that must show what
was just written, reads from "default", the primary.
"""

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"


def replica() -> str:
    """The alias to pass to `.using(...)` for a read that may lag the primary by the replica's
    delay: "replica" when DATABASE_REPLICA_URL configures one, "default" otherwise."""
    return REPLICA if REPLICA in settings.DATABASES else DEFAULT_DB_ALIAS


class PrimaryRouter:
    """Writes and migrations go to the primary only. Reads are never chosen here: they go
    where their queryset says, or where the object they start from was read."""

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # Without this, a row saved from an object read on the replica would go back there.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # A row read on the replica is the primary's row too: a new row may point at it.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None
