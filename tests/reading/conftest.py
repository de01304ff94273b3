"""A read replica for the tests: a second connection to the test database, as "replica"."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext

from reading.databases import REPLICA


@pytest.fixture
def replica_connection(transactional_db, monkeypatch):
    """The alias "replica", configured as DATABASE_REPLICA_URL would, on a connection of its
    own to the test database: what it is asked shows in its own query log, apart from the
    primary's. Like a real replica, it sees only committed rows (transactional_db)."""
    primary = connections["default"].settings_dict
    monkeypatch.setitem(settings.DATABASES, REPLICA, {**primary, "OPTIONS": {**primary["OPTIONS"]}})
    # The same dict as Django's own list of connections: the alias is there, made when used.
    replica = connections[REPLICA]
    # Connected now: Django's tests refuse a first connection, on demand, to an alias the test
    # did not list (pytest-django lists them before this alias exists).
    replica.connect()
    yield replica
    # Closed even on SQLite, whose wrapper keeps an in-memory database open (the primary's
    # connection keeps it).
    BaseDatabaseWrapper.close(replica)
    del connections[REPLICA]


@pytest.fixture
def reads(replica_connection):
    """`with reads() as (primary, replica):` captures the queries each runs in the block."""

    @contextmanager
    def capture() -> Iterator[tuple[CaptureQueriesContext, CaptureQueriesContext]]:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(replica_connection) as replica,
        ):
            yield primary, replica

    return capture
