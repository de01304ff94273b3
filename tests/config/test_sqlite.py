"""The embedded SQLite database holds up when a worker, a long import and the access log's
insert on every page write at once. The test database lives in memory, which has no journal
to set, so these open an SQLite file of their own with the app's settings."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the suite runs on PostgreSQL (DATABASE_URL): these are SQLite's settings",
)


@pytest.fixture
def connect(tmp_path, django_db_blocker):
    """Opens a connection as the app makes them, as `file` for the calling thread."""

    def connect() -> DatabaseWrapper:
        database = {**settings.DATABASES["default"], "NAME": str(tmp_path / "db.sqlite3")}
        wrapper = DatabaseWrapper(database, alias="file")
        connections["file"] = wrapper
        return wrapper

    with django_db_blocker.unblock():
        yield connect
    connections["file"].close()
    del connections["file"]


def test_it_runs_in_wal_mode_with_a_busy_timeout(connect):
    with connect().cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone() == (20_000,)


def test_it_makes_a_writer_wait_for_another_instead_of_failing(connect):
    connect().cursor().execute("CREATE TABLE visit (page text)")
    failures = []
    starting = threading.Event()

    def page_view():
        # A transaction that reads before it writes, while an import holds the write lock.
        connection = connect()
        starting.set()
        try:
            with transaction.atomic(using="file"):
                connection.cursor().execute("SELECT count(*) FROM visit")
                connection.cursor().execute("INSERT INTO visit VALUES ('person')")
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    page = threading.Thread(target=page_view)
    with transaction.atomic(using="file"):
        connections["file"].cursor().execute("INSERT INTO visit VALUES ('import')")
        page.start()
        assert starting.wait(timeout=30)
        # Still there half a second on: it waits for the lock rather than failing at once.
        page.join(timeout=0.5)
        assert page.is_alive(), failures
    page.join(timeout=30)
    assert failures == []
    cursor = connections["file"].cursor()
    cursor.execute("SELECT page FROM visit ORDER BY rowid")
    assert cursor.fetchall() == [("import",), ("person",)]
