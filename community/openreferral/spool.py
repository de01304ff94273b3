"""Things read, kept in order on disk until they are needed, so that memory stays flat
however many there are.

A spool is a private temporary SQLite database: SQLite makes it on disk (beyond a small
cache) and deletes it when it is closed. What it keeps is pickled: it is only ever read
back by the process that wrote it, never from anything sent.
"""

import pickle
import sqlite3
from collections.abc import Iterable, Iterator

# Things written to the disk at a time.
BATCH = 1000
# The most memory SQLite keeps of a spool's pages, in kB: the rest is read from the disk
# (from the operating system's cache of it) as it is needed.
CACHE_KB = 512


def database_on_disk() -> sqlite3.Connection:
    """A private temporary SQLite database: on disk beyond a small cache, gone when closed."""
    database = sqlite3.connect("")  # "": a temporary database
    database.execute(f"PRAGMA cache_size = -{CACHE_KB}")
    return database


class Spool:
    def __init__(self) -> None:
        self.database = database_on_disk()
        self.database.execute("CREATE TABLE kept (n INTEGER PRIMARY KEY, data BLOB)")
        self.count = 0
        self._waiting: list[tuple[bytes]] = []

    def add(self, thing: object) -> None:
        self._waiting.append((pickle.dumps(thing, protocol=pickle.HIGHEST_PROTOCOL),))
        self.count += 1
        if len(self._waiting) >= BATCH:
            self._write()

    def add_all(self, things: Iterable[object]) -> None:
        for thing in things:
            self.add(thing)

    def _write(self) -> None:
        self.database.executemany("INSERT INTO kept (data) VALUES (?)", self._waiting)
        self._waiting = []

    def __iter__(self) -> Iterator:
        """Everything kept, in the order it was added, read back one at a time."""
        self._write()
        for (data,) in self.database.execute("SELECT data FROM kept ORDER BY n"):
            yield pickle.loads(data)  # this spool's own writing, never what was sent

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> "Spool":
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()
