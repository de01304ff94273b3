"""CSV cells that a spreadsheet opens as text, never as a formula.

A spreadsheet runs a cell that begins with =, +, -, @, a tab or a carriage
return as a formula, so text typed into the app could run in the spreadsheet of
whoever opens a download (OWASP's "CSV injection"). Every CSV written for
people to open goes through `neutralise`, which puts a single quote before such
text, as OWASP advises. `restore` undoes it exactly: text that already begins
with quotes before a formula character gets one more, so that
`restore(neutralise(text)) == text` for every text.

This app imports no other app of the project: every app may use it.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA = re.compile(r"'*[=+\-@\t\r]")
NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(value: Any) -> Any:
    """Text that a spreadsheet would run, after a single quote; anything else as it is.
    Numbers are not text: a negative number stays a number."""
    if isinstance(value, str) and FORMULA.match(value):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The text `neutralise` was given: one leading quote fewer before a formula character."""
    return text[1:] if NEUTRALISED.match(text) else text


class Writer:
    """A `csv.writer` whose every cell is neutralised."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable) -> Any:
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, **options) -> Writer:
    """Like `csv.writer`, for a CSV that people will open in a spreadsheet."""
    return Writer(file, **options)
