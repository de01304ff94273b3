"""Reading Open Referral UK files: JSON, CSV tables, or a zip of either.

Everything read is checked against the published schema, and every problem is
kept with the file, row and field it was found in. Each record read carries
its origin under the key `ORIGIN`, so that later checks can say where a value
came from.

However large the files, memory stays flat: a file is read a piece at a time
(JSON a service at a time, CSV a row at a time), and what is read is kept on
disk, in a private temporary SQLite database, until it is saved: the services
without problems, and the rows of the CSV tables while they are joined.
"""

import codecs
import csv
import io
import json
import marshal
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import IO, Any

from jsonschema import ValidationError

from .json_items import NotJson, TooLong, json_items
from .spool import Spool, database_on_disk
from .tables import (
    SERVICE_PARTS,
    Part,
    file_name,
    from_cell,
    number_columns,
    required_columns,
    row_validator,
    service_validator,
    table_for_file,
)

ORIGIN = "__origin__"
# The file of a tabular data package that names its tables' files.
DATA_PACKAGE = "datapackage.json"
# Files that come to more than this, zips unpacked, are refused rather than filling the disk.
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
TOO_BIG = "The files unpack to more than 500 MB in all"
# A service nests about eight levels deep (a page, its services, their locations, their
# addresses); deeper JSON is refused before anything walks it and runs out of stack.
MAX_JSON_DEPTH = 32
NESTED_TOO_DEEPLY = f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep: no service is"
# Bytes read from a file at a time.
CHUNK = 1024 * 1024
# Rows written to the disk at a time.
SPOOL_BATCH = 1000
# Services whose rows are joined at a time: a few queries for each part, for all of them.
JOIN_BATCH = 200
# What reading a zip's member can raise when the zip is damaged.
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a compression method Python does not have
    RuntimeError,  # a member is encrypted
    OSError,
    EOFError,
    ValueError,  # a member's name is not the UTF-8 it says it is
    zlib.error,
)
DAMAGED_ZIP = "This zip file is damaged or cannot be opened"


@dataclass(frozen=True)
class Upload:
    """A file sent: its bytes, or how to open it, so that a file kept on disk is read a piece
    at a time and never held whole. `within` names the zip it came out of."""

    name: str
    content: bytes | Callable[[], AbstractContextManager[IO[bytes]]]
    within: str = ""

    @classmethod
    def on_disk(cls, name: str, path: str | Path) -> "Upload":
        return cls(name, partial(_opened, Path(path)))

    def open(self) -> AbstractContextManager[IO[bytes]]:
        if isinstance(self.content, bytes):
            return io.BytesIO(self.content)
        return self.content()

    def size(self) -> int:
        if isinstance(self.content, bytes):
            return len(self.content)
        with self.open() as file:
            return file.seek(0, io.SEEK_END)


def _opened(path: Path) -> IO[bytes]:
    return path.open("rb")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the data. `row` is a CSV row as a spreadsheet numbers it
    (the header is row 1), or the position of a service in a JSON file, from 1."""

    file: str
    row: int | None
    field: str
    message: str


@dataclass(frozen=True)
class Origin:
    file: str
    row: int | None
    path: str = ""  # where in a nested JSON service, such as "contacts[0]."

    def problem(self, name: str, message: str) -> Problem:
        return Problem(self.file, self.row, f"{self.path}{name}", message)


class Reading:
    """What the files hold: the problems found, notes on what was not read, and the services
    without problems, kept in a spool (on disk) from which `services()` reads them back, as
    often as needed."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.notes: list[str] = []
        self.kept = Spool()
        self._first: dict[str, Origin] = {}  # the first service with each id

    @property
    def count(self) -> int:
        """How many services were kept."""
        return self.kept.count

    def keep(self, service: dict) -> None:
        origin = service[ORIGIN]
        if first := self._first.get(service["id"]):
            where = f"{first.file}, row {first.row}"
            message = f"Another service has the same id ({where})"
            self.problems.append(origin.problem("id", message))
            return
        self._first[service["id"]] = origin
        self.kept.add(service)

    def services(self) -> Iterator[dict]:
        """The services kept, in the order read, each read back from the disk as it is needed."""
        return iter(self.kept)

    def close(self) -> None:
        self.kept.close()

    def __enter__(self) -> "Reading":
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()


def read_uploads(uploads: list[Upload]) -> Reading:
    """Reads the files; the caller closes the reading (it is a context manager)."""
    reading = Reading()
    try:
        _read(uploads, reading)
    except BaseException:
        reading.close()
        raise
    return reading


def _read(uploads: list[Upload], reading: Reading) -> None:
    files = list(_unpacked(uploads, reading))
    # A tabular data package's description of its tables: which file holds each.
    packages = [f for f in files if PurePosixPath(f.name).name.lower() == DATA_PACKAGE]
    json_files = [f for f in files if f.name.lower().endswith(".json") and f not in packages]
    csv_files = [f for f in files if f.name.lower().endswith(".csv")]
    for other in files:
        if other not in json_files and other not in csv_files and other not in packages:
            reading.notes.append(f"{other.name} was not read: only .json, .csv and .zip files are")
    if json_files and csv_files:
        reading.problems.append(
            Problem(csv_files[0].name, None, "", "Send JSON files or CSV files, not both at once")
        )
        return
    for upload in json_files:
        _read_file(_read_json, upload, reading)
    if csv_files:
        _read_tables(csv_files, reading, _files_named_by(packages, reading))
    elif packages:
        reading.notes.append(f"{packages[0].name} was not read: it describes CSV files")
    if not files and not reading.problems:
        reading.problems.append(Problem("", None, "", "There was no file to read"))


def _read_file(read: Callable[..., Any], upload: Upload, reading: Reading, *more: Any) -> Any:
    """`read(upload, reading, *more)`, or None with a problem if the zip it is in is damaged."""
    try:
        return read(upload, reading, *more)
    except ZIP_DAMAGE:
        if not upload.within:
            raise
        reading.problems.append(Problem(upload.within, None, "", DAMAGED_ZIP))
        return None


def _unpacked(uploads: list[Upload], reading: Reading) -> Iterator[Upload]:
    """Each file, the members of zips as files of their own: no more than
    `MAX_UNZIPPED_BYTES` in all, across every file and zip sent together."""
    total = 0
    for upload in uploads:
        if not upload.name.lower().endswith(".zip"):
            total += upload.size()
            if total > MAX_UNZIPPED_BYTES:
                reading.problems.append(Problem(upload.name, None, "", TOO_BIG))
                return
            yield upload
            continue
        try:
            with upload.open() as file, zipfile.ZipFile(file) as archive:
                members = [
                    info
                    for info in archive.infolist()
                    if not info.is_dir()
                    and not PurePosixPath(info.filename).name.startswith(".")
                    and not info.filename.startswith("__MACOSX/")
                ]
        except ZIP_DAMAGE:
            reading.problems.append(Problem(upload.name, None, "", DAMAGED_ZIP))
            continue
        # The sizes the zip declares: unpacking stops there, whatever the data inside says.
        total += sum(info.file_size for info in members)
        if total > MAX_UNZIPPED_BYTES:
            reading.problems.append(Problem(upload.name, None, "", TOO_BIG))
            return
        for info in members:
            yield Upload(info.filename, partial(_member, upload, info.filename), upload.name)


@contextmanager
def _member(upload: Upload, name: str) -> Iterator[IO[bytes]]:
    with upload.open() as file, zipfile.ZipFile(file) as archive, archive.open(name) as member:
        yield member


def _encoding(upload: Upload, reading: Reading) -> str:
    """How the file's text is written: UTF-8, as it should be; UTF-16 (spreadsheets'
    "Unicode text"); else Windows-1252, as spreadsheets on Windows often save CSV. Read through
    once, a piece at a time, to know."""
    with upload.open() as file:
        if file.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        file.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := file.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            reading.notes.append(f"{upload.name} is not UTF-8; it was read as Windows-1252 text")
            return "cp1252"
    return "utf-8-sig"


@contextmanager
def _text(upload: Upload, reading: Reading) -> Iterator[io.TextIOWrapper]:
    encoding = _encoding(upload, reading)
    with upload.open() as file:
        # Read as it goes; a damaged character (in UTF-16) becomes "\ufffd" rather than failing.
        text = io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="")
        try:
            yield text
        finally:
            text.detach()  # the file closes itself


# JSON: a page of services (as the Open Referral UK API serves them), a list, or one service.


class _Unreadable(ValueError):
    """A JSON file that parses, but holds what no service could."""


def _whole_number(text: str) -> int:
    _finite(text)
    return int(text)


def _finite(text: str) -> float:
    # Checked before int(), which would take time (or refuse) for thousands of digits.
    number = float(text)
    if not math.isfinite(number):
        raise _Unreadable(f"The number {_shown_text(text)} is too large")
    return number


def _not_a_number(text: str):
    raise _Unreadable(f"{text} is not a number JSON allows")


def _decoder() -> json.JSONDecoder:
    return json.JSONDecoder(
        parse_int=_whole_number, parse_float=_finite, parse_constant=_not_a_number
    )


def _read_json(upload: Upload, reading: Reading) -> None:
    validator = service_validator()
    with _text(upload, reading) as text:
        chunks = iter(partial(text.read, CHUNK), "")
        try:
            for row, item in enumerate(json_items(chunks, _decoder), start=1):
                if item.depth == 0 and not (isinstance(item.value, dict) and "id" in item.value):
                    message = (
                        "Expected a list of services, a page of services under 'contents', "
                        "or a service"
                    )
                    reading.problems.append(Problem(upload.name, None, "", message))
                    return
                if _deeper_than(item.value, MAX_JSON_DEPTH - item.depth):
                    reading.problems.append(Problem(upload.name, None, "", NESTED_TOO_DEEPLY))
                    return
                _read_service(item.value, Origin(upload.name, row), validator, reading)
        except NotJson as error:
            message = f"This is not valid JSON: {error}"
            reading.problems.append(Problem(upload.name, None, "", message))
        except (_Unreadable, TooLong) as error:
            reading.problems.append(Problem(upload.name, None, "", str(error)))
        except RecursionError:  # deeper than the parser goes
            reading.problems.append(Problem(upload.name, None, "", NESTED_TOO_DEEPLY))


def _read_service(item: object, origin: Origin, validator, reading: Reading) -> None:
    if not isinstance(item, dict):
        reading.problems.append(origin.problem("", "A service must be a JSON object"))
        return
    # The service as one text (written by C, many times faster than walking it in Python),
    # to see whether it needs walking at all.
    flat = json.dumps(item, ensure_ascii=False, check_circular=False)
    suspect = "\\u0000" in flat or SURROGATES.search(flat)
    if suspect and (unsaveable := list(_unsaveable(item))):
        # Checked first: the schema's messages would quote the text, which no page can show.
        reading.problems += [origin.problem(*where) for where in unsaveable]
        return
    service: dict = _without_nulls(item) if "null" in flat else item
    errors = sorted(validator.iter_errors(service), key=lambda e: list(map(str, e.absolute_path)))
    reading.problems += [origin.problem(*describe(error)) for error in errors]
    if not errors:
        _mark(service, origin)
        reading.keep(service)


def _deeper_than(data, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` deep; without recursion, so that
    any depth can be measured."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack += [(child, depth + 1) for child in children if isinstance(child, dict | list)]
    return False


NUL = "\x00"
SURROGATES = re.compile("[\ud800-\udfff]")


def _unsaveable(value, path: str = ""):
    """Where text holds what no database can keep, with what is wrong there: a null
    character, which PostgreSQL refuses, or half of a character (a lone \\ud800 to \\udfff
    escape), which is not text at all."""
    if isinstance(value, str):
        if message := unsaveable_text(value):
            yield path, message
    elif isinstance(value, dict):
        for key, item in value.items():
            if message := unsaveable_text(key):
                yield path, f"A field name here {message.lower()}"
            else:
                yield from _unsaveable(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unsaveable(item, f"{path}[{index}]")


def unsaveable_text(text: str) -> str:
    """What is wrong with text that cannot be saved, or nothing."""
    if NUL in text:
        return "Must not contain null characters"
    if SURROGATES.search(text):
        return "Must not contain half characters (lone \\ud800 to \\udfff escapes)"
    return ""


def _without_nulls(value):
    """The value with every null field left out: many directories' APIs write null for
    "not given", which the schema (text or nothing) does not allow."""
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value


def _mark(node: dict, origin: Origin) -> None:
    node[ORIGIN] = origin
    for key, value in list(node.items()):
        if isinstance(value, dict):
            _mark(value, Origin(origin.file, origin.row, f"{origin.path}{key}."))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    _mark(item, Origin(origin.file, origin.row, f"{origin.path}{key}[{index}]."))


TYPE_WORDS = {
    "number": "a number",
    "integer": "a whole number",
    "string": "text",
    "array": "a list",
    "object": "an object with fields",
    "boolean": "true or false",
}
FORMAT_WORDS = {
    "uuid": "a UUID, like ac148810-d857-441c-9679-408f346de14b",
    "email": "an email address, like name@example.org",
    "uri": "a full web address, like https://example.org",
    "date-time": "a date and time, like 2025-03-31T09:30:00Z",
}


def describe(error: ValidationError) -> tuple[str, str]:
    """The field and a plain-English message for a schema error."""
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path)
    path = path.removeprefix(".")
    if error.validator == "required":
        missing = re.search(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else ""
        return (f"{path}.{name}" if path else name), "Missing: every record needs this"
    shown = _shown(error.instance)
    # What the schema asks for: the types, the values or the format. jsonschema gives it with
    # every error it finds (its types allow it unset, for errors made by hand).
    expected: Any = error.validator_value
    if error.validator == "type":
        types: list[str] = expected if isinstance(expected, list) else [expected]
        words = " or ".join(TYPE_WORDS.get(t, t) for t in types)
        return path, f"Must be {words}, not {shown}"
    if error.validator == "enum":
        return path, f"Must be one of {', '.join(expected)}, not {shown}"
    if error.validator == "format":
        words = FORMAT_WORDS.get(expected, expected)
        return path, f"Must be {words}, not {shown}"
    return path, error.message


def _shown(value) -> str:
    return _shown_text(json.dumps(value, ensure_ascii=False))


def _shown_text(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


# CSV: one file per table, joined into services as SERVICE_PARTS declares.


def _files_named_by(packages: list[Upload], reading: Reading) -> set[str]:
    """The CSV files a `datapackage.json` names as its tables' (their names, in lower case)."""
    named: set[str] = set()
    for package in packages:
        try:
            with package.open() as file:
                resources = json.load(file)["resources"]
            named |= {PurePosixPath(r["path"]).name.lower() for r in resources if r.get("path")}
        except ZIP_DAMAGE + (KeyError, TypeError, AttributeError):
            message = "This is not a data package the tables could be read by"
            reading.problems.append(Problem(package.name, None, "", message))
    return named


def _links(parts: tuple[Part, ...]) -> dict[str, set[str]]:
    """The columns by which each table's rows are found: those naming a parent row."""
    links: dict[str, set[str]] = {}
    for part in parts:
        if not part.one:
            links.setdefault(part.table, set()).add(part.link)
        for table, columns in _links(part.parts).items():
            links.setdefault(table, set()).update(columns)
    return links


LINKS = _links(SERVICE_PARTS)


def _read_tables(uploads: list[Upload], reading: Reading, named: set[str]) -> None:
    by_table: dict[str, list[Upload]] = {}
    for upload in uploads:
        table = table_for_file(upload.name)
        if table is None:
            reading.notes.append(f"{upload.name} was not read: it is not a table this app imports")
        else:
            by_table.setdefault(table, []).append(upload)
    tables = _Tables(reading)
    try:
        for table, files in by_table.items():
            chosen = _the_file_of(table, files, named, reading)
            if chosen is not None:
                _read_file(_read_csv, chosen, reading, table, tables)
        if "service" not in tables.read:
            message = f"{file_name('service')} is missing: it lists the services to import"
            reading.problems.append(Problem(file_name("service"), None, "", message))
            return
        services = tables.rows("service")
        while batch := list(islice(services, JOIN_BATCH)):
            for service in tables.nest(batch, SERVICE_PARTS):
                reading.keep(service)
        tables.check_unjoined(SERVICE_PARTS, "service")
    finally:
        tables.spool.close()


def _the_file_of(
    table: str, files: list[Upload], named: set[str], reading: Reading
) -> Upload | None:
    """Which of the files of one table to read: the only one; or the one the data package
    names, or else the one the schema names (published folders hold both `address.csv` and
    `addresses.csv`), the others noted as not read. Two that neither names are a problem."""
    if len(files) == 1:
        return files[0]
    for names, by in [(named, DATA_PACKAGE), ({file_name(table)}, "the schema")]:
        chosen = [f for f in files if PurePosixPath(f.name).name.lower() in names]
        if len(chosen) == 1:
            for other in files:
                if other is not chosen[0]:
                    reading.notes.append(
                        f"{other.name} was not read: {chosen[0].name} holds the {table} rows, "
                        f"as {by} says"
                    )
            return chosen[0]
    message = f"A second file of {table} rows; send each table once"
    reading.problems.append(Problem(files[1].name, None, "", message))
    return None


class _Tables:
    """The rows of the tables without problems, kept on disk (in a private temporary SQLite
    database, as a spool is) to be joined; and every id read, even on rows with problems, so
    that a row joined to one of those is not said to join nothing."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.spool = database_on_disk()
        self.read: dict[str, str] = {}  # the file read of each table
        self.spool.execute("CREATE TABLE known (tbl TEXT, id TEXT)")
        self.spool.execute("CREATE INDEX known_id ON known (tbl, id)")

    def add_table(self, table: str, file: str) -> None:
        columns = sorted(LINKS.get(table, set()))
        made = ", ".join(f'"{column}" TEXT' for column in ["id", *columns])
        self.spool.execute(f'CREATE TABLE "t_{table}" (n INTEGER PRIMARY KEY, {made}, data BLOB)')
        for column in ["id", *columns]:
            self.spool.execute(f'CREATE INDEX "t_{table}_{column}" ON "t_{table}" ("{column}")')
        self.read[table] = file

    def add_rows(self, table: str, rows: dict[int, dict], ids: list[str]) -> None:
        """Keeps `rows` (by their rows in the file) and `ids`."""
        columns = ["id", *sorted(LINKS.get(table, set()))]
        holes = ", ".join("?" * (len(columns) + 2))
        names = ", ".join(f'"{column}"' for column in ["n", *columns, "data"])
        self.spool.executemany(
            f'INSERT INTO "t_{table}" ({names}) VALUES ({holes})',
            [
                (number, *(_as_text(row.get(column)) for column in columns), marshal.dumps(row))
                for number, row in rows.items()
            ],
        )
        self.spool.executemany(
            "INSERT INTO known (tbl, id) VALUES (?, ?)", [(table, id) for id in ids]
        )

    def rows(self, table: str) -> Iterator[dict]:
        for number, data in self.spool.execute(f'SELECT n, data FROM "t_{table}" ORDER BY n'):
            yield self._row(table, number, data)

    def _row(self, table: str, number: int, data: bytes) -> dict:
        row = marshal.loads(data)  # written by `add_rows`, never what was sent
        row[ORIGIN] = Origin(self.read[table], number)
        return row

    def rows_where(self, table: str, column: str, values: list[str]) -> list[dict]:
        """The rows whose `column` is one of `values`, in the order read."""
        holes = ", ".join("?" * len(values))
        found = self.spool.execute(
            f'SELECT n, data FROM "t_{table}" WHERE "{column}" IN ({holes}) ORDER BY n', values
        )
        return [self._row(table, number, data) for number, data in found.fetchall()]

    def known(self, table: str, ids: list[str]) -> set[str]:
        holes = ", ".join("?" * len(ids))
        found = self.spool.execute(
            f"SELECT id FROM known WHERE tbl = ? AND id IN ({holes})", [table, *ids]
        )
        return {id for (id,) in found.fetchall()}

    def nest(self, rows: list[dict], parts: tuple[Part, ...]) -> list[dict]:
        """The rows, each with what it holds nested in it: read for all of them at once."""
        nodes = [dict(row) for row in rows]
        for part in parts:
            if not part.one and part.table in self.read:
                # A table not sent is not carried: what the directory holds of it stays.
                children = self.rows_where(part.table, part.link, [row["id"] for row in rows])
                held: dict[str, list[dict]] = {}
                for child, nested in zip(children, self.nest(children, part.parts), strict=True):
                    held.setdefault(child[part.link], []).append(nested)
                for row, node in zip(rows, nodes, strict=True):
                    node[part.key] = held.get(row["id"], [])
            elif part.one:
                references = list({row[part.link] for row in rows if row.get(part.link)})
                found = self.rows_where(part.table, "id", references) if references else []
                by_id = {
                    child["id"]: nested
                    for child, nested in zip(found, self.nest(found, part.parts), strict=True)
                }
                unknown = set(references) - by_id.keys()
                unknown -= self.known(part.table, list(unknown)) if unknown else set()
                for row, node in zip(rows, nodes, strict=True):
                    reference = row.get(part.link)
                    if reference in by_id:
                        node[part.key] = by_id[reference]
                    elif reference in unknown:
                        message = f"No row of {file_name(part.table)} has this id"
                        self.reading.problems.append(row[ORIGIN].problem(part.link, message))
        return nodes

    def check_unjoined(self, parts: tuple[Part, ...], parent: str) -> None:
        """Rows whose link names a parent that is not in the data (an empty link joins nothing)."""
        for part in parts:
            if not part.one and part.table in self.read:
                table, link = f'"t_{part.table}"', f'"{part.link}"'
                unjoined = self.spool.execute(
                    f"SELECT n, data FROM {table} WHERE {link} <> '' AND NOT EXISTS "
                    f"(SELECT 1 FROM known WHERE tbl = ? AND id = {table}.{link}) ORDER BY n",
                    [parent],
                )
                for number, data in unjoined:
                    row = self._row(part.table, number, data)
                    if part.table == "attribute" and row.get("link_type", "service") != "service":
                        continue  # a term on an organisation or a location: not kept here
                    message = f"No row of {file_name(parent)} has this id"
                    self.reading.problems.append(row[ORIGIN].problem(part.link, message))
            self.check_unjoined(part.parts, part.table)


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def _read_csv(upload: Upload, reading: Reading, table: str, tables: _Tables) -> None:
    """Keeps the rows without problems, typed as the schema says; problems go in `reading`."""
    tables.add_table(table, upload.name)
    with _text(upload, reading) as text:
        reader = csv.DictReader(text)
        first_row: dict[str, int] = {}
        rows: dict[int, dict] = {}
        ids: list[str] = []
        try:
            header = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = header
            if not header:
                reading.problems.append(Problem(upload.name, None, "", "The file is empty"))
                return
            validator = row_validator(table)
            absent = [name for name in required_columns(table) if name not in header]
            for name in absent:
                reading.problems.append(Problem(upload.name, 1, name, "This column is missing"))
            numbers = number_columns(table)
            required = set(required_columns(table))
            for number, raw in enumerate(reader, start=2):
                origin = Origin(upload.name, number)
                row, problems = _typed(raw, table, numbers, required, origin)
                errors = [describe(error) for error in validator.iter_errors(row)]
                problems += [origin.problem(*error) for error in errors if error[0] not in absent]
                if row.get("id"):
                    if row["id"] in first_row:
                        message = f"Row {first_row[row['id']]} has the same id"
                        problems.append(origin.problem("id", message))
                    first_row.setdefault(row["id"], number)
                    ids.append(row["id"])
                reading.problems += problems
                if not problems and not absent:
                    rows[number] = row
                if len(rows) >= SPOOL_BATCH or len(ids) >= SPOOL_BATCH:
                    tables.add_rows(table, rows, ids)
                    rows, ids = {}, []
        except csv.Error as error:
            line = reader.line_num
            reading.problems.append(
                Problem(upload.name, None, "", f"Line {line} cannot be read: {error}")
            )
        finally:
            tables.add_rows(table, rows, ids)


def _typed(
    raw: dict, table: str, numbers: set[str], required: set[str], origin: Origin
) -> tuple[dict, list[Problem]]:
    """The row's values as the schema types them. An empty cell is left out, as JSON would
    leave out the field, except in a required column: there it is empty text, as in JSON.
    Text neutralised against spreadsheet formulas comes back as it was written."""
    row: dict[str, str | int | float] = {}
    problems: list[Problem] = []
    if None in raw:
        problems.append(origin.problem("", "This row has more cells than the header has columns"))
    for name, value in raw.items():
        value = (value or "").strip() if isinstance(value, str) else ""
        if name is None or (not value and (name not in required or name in numbers)):
            continue
        if message := unsaveable_text(value):
            problems.append(origin.problem(name, message))
            value = value.replace(NUL, "")  # so that the rest of the row is checked as usual
        if name in numbers:
            try:
                number = _finite(value)
            except ValueError:
                problems.append(origin.problem(name, f"Must be a number, not {_shown(value)}"))
                continue
            row[name] = int(number) if number.is_integer() else number
        else:
            row[name] = from_cell(table, name, value)
    if "link_type" not in row and "link_entity" in row:
        row["link_type"] = row["link_entity"]
    return row, problems
