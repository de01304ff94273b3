"""Reading one CSV file of the extract: its text, its header and each cell, as `layout`
declares them. Every problem is kept with the file, the line and the column; none repeats
what a cell holds.

A line is the row as a spreadsheet numbers it: the header is line 1, the first person line 2
(a cell that runs over several lines, such as an address, still counts as one).
"""

import codecs
import csv
import io
from dataclasses import dataclass, field
from typing import Any

from spreadsheets.cells import restore

from .layout import CellProblem, File

# Bigger than any council's extract is likely to be (5,000 people take about 1 MB), and small
# enough to check in memory.
MAX_BYTES = 50 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
# The csv module refuses a cell longer than this, as a defence against a runaway quote.
csv.field_size_limit(1024 * 1024)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file. `line` is None for the whole file; `column` may be empty."""

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in [self.file, f"line {self.line}" if self.line else "", self.column]
            if part
        )
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, Any]  # by column; a column left empty is not there


@dataclass
class Table:
    file: File
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, column: str, message: str) -> None:
        self.problems.append(Problem(self.file.name, line, column, message))


def read_table(file: File, content: bytes) -> Table:
    """The file's rows, each cell read as its column says; what is wrong, in `problems`."""
    table = Table(file)
    text = _text(content, table)
    if text is None:
        return table
    if not text.strip():
        table.problem(None, "", "The file is empty: it needs a header line and a line for each row")
        return table
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
        columns = _columns(header, table)
        if columns is None:
            return table
        line = 1
        for cells in reader:
            line += 1
            if any(cell.strip() for cell in cells):
                _read_row(line, cells, columns, table)
    except csv.Error:
        table.problem(
            reader.line_num or None,
            "",
            "This line cannot be read as CSV: check that every quote mark is paired "
            "(a cell with a comma or a line break must be between double quotes)",
        )
    if not table.rows and not table.problems:
        table.problem(None, "", "The file has a header but no rows")
    return table


def _text(content: bytes, table: Table) -> str | None:
    if len(content) > MAX_BYTES:
        table.problem(None, "", f"The file is larger than {MAX_MB} MB: split it, or ask for help")
        return None
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        table.problem(
            None, "", 'The file is saved as UTF-16 ("Unicode text"): save it as "CSV UTF-8"'
        )
        return None
    try:
        text = content.decode("utf-8-sig")  # a byte order mark at the start is fine
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        table.problem(line, "", 'The file is not UTF-8 text from this line: save it as "CSV UTF-8"')
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        table.problem(line, "", "This line has a null character, which no record can hold")
        return None
    return text


def _columns(header: list[str], table: Table) -> list[str] | None:
    """The header's column names, or None if it cannot be read as a header."""
    names = [name.strip().lower() for name in header]
    known = table.file.by_name
    if not set(names) & set(known):
        table.problem(
            1,
            "",
            "The first line must be the header: the names of the columns, such as "
            + ", ".join(table.file.required),
        )
        return None
    problems = len(table.problems)
    for position, name in enumerate(names, start=1):
        if name not in known:
            # Said by position: an unknown heading may be a person's details in a header-less file.
            what = "has no name" if not name else "is not a column of this file"
            table.problem(
                1, f"column {position}", f"This column {what}: check it against the layout"
            )
        elif names.index(name) != position - 1:
            table.problem(1, name, "This column is there twice")
    for name in table.file.required:
        if name not in names:
            table.problem(1, name, "This column is missing: every file of this kind needs it")
    return names if len(table.problems) == problems else None


def _read_row(line: int, cells: list[str], columns: list[str], table: Table) -> None:
    if len(cells) > len(columns):
        table.problem(line, "", "This line has more cells than the header has columns")
        return
    values: dict[str, Any] = {}
    problems = len(table.problems)
    for name, cell in zip(columns, cells, strict=False):
        value = restore(cell.strip())  # a cell a spreadsheet-safe export quoted, as it was
        if not value:
            continue
        try:
            values[name] = table.file.by_name[name].reader(value)
        except CellProblem as problem:
            table.problem(line, name, str(problem))
    for name in table.file.required:
        if name not in values and not any(p.column == name for p in table.problems[problems:]):
            table.problem(line, name, "empty: every row needs this")
    if len(table.problems) == problems:
        table.rows.append(Row(line, values))
