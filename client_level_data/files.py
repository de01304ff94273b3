"""The return as a file: CSV, the specification's columns in its order, a header row first.
Every cell goes through `spreadsheets`, so that none runs as a formula when opened."""

from collections.abc import Iterable
from typing import Protocol

from spreadsheets.cells import writer

from .specification import COLUMNS


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def write_return(file: Writable, rows: Iterable[dict[str, str]]) -> None:
    out = writer(file)
    out.writerow(COLUMNS)
    out.writerows([row[column] for column in COLUMNS] for row in rows)
