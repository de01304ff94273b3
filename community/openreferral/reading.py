"""Reading Open Referral UK files: JSON, CSV tables, or a zip of either.

Everything read is checked against the published schema, and every problem is
kept with the file, row and field it was found in. Each record read carries
its origin under the key `ORIGIN`, so that later checks can say where a value
came from.
"""

import codecs
import csv
import io
import json
import math
import re
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from jsonschema import ValidationError

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
# Files that come to more than this, zips unpacked, are refused rather than filling the memory.
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
TOO_BIG = "The files unpack to more than 500 MB in all"
# A service nests about eight levels deep (a page, its services, their locations, their
# addresses); deeper JSON is refused before anything walks it and runs out of stack.
MAX_JSON_DEPTH = 32


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


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


@dataclass
class Reading:
    services: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_uploads(uploads: list[Upload]) -> Reading:
    reading = Reading()
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
        return reading
    for upload in json_files:
        _read_json(upload, reading)
    if csv_files:
        _read_tables(csv_files, reading, _files_named_by(packages, reading))
    elif packages:
        reading.notes.append(f"{packages[0].name} was not read: it describes CSV files")
    if not files and not reading.problems:
        reading.problems.append(Problem("", None, "", "There was no file to read"))
    _check_service_ids(reading)
    return reading


def _unpacked(uploads: list[Upload], reading: Reading):
    """Each file, the members of zips unpacked: no more than `MAX_UNZIPPED_BYTES` in all,
    across every file and zip sent together."""
    total = 0
    for upload in uploads:
        if not upload.name.lower().endswith(".zip"):
            total += len(upload.content)
            if total > MAX_UNZIPPED_BYTES:
                reading.problems.append(Problem(upload.name, None, "", TOO_BIG))
                return
            yield upload
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(upload.content))
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and not PurePosixPath(info.filename).name.startswith(".")
                and not info.filename.startswith("__MACOSX/")
            ]
            total += sum(info.file_size for info in members)
            if total > MAX_UNZIPPED_BYTES:
                reading.problems.append(Problem(upload.name, None, "", TOO_BIG))
                return
            for info in members:
                yield Upload(info.filename, archive.read(info))
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,  # a compression method Python does not have
            RuntimeError,  # a member is encrypted
            OSError,
            EOFError,
            ValueError,  # a member's name is not the UTF-8 it says it is
            zlib.error,
        ):
            reading.problems.append(
                Problem(upload.name, None, "", "This zip file is damaged or cannot be opened")
            )


def _text(upload: Upload, reading: Reading) -> str:
    if upload.content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Spreadsheets' "Unicode text": read as UTF-8 it would be a null between every letter.
        return upload.content.decode("utf-16", errors="replace")
    try:
        return upload.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows often save CSV this way.
        reading.notes.append(f"{upload.name} is not UTF-8; it was read as Windows-1252 text")
        return upload.content.decode("cp1252", errors="replace")


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


def _read_json(upload: Upload, reading: Reading) -> None:
    try:
        data = json.loads(
            _text(upload, reading),
            parse_int=_whole_number,
            parse_float=_finite,
            parse_constant=_not_a_number,
        )
        too_deep = _deeper_than(data, MAX_JSON_DEPTH)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        reading.problems.append(
            Problem(upload.name, None, "", f"This is not valid JSON: {error.msg} ({where})")
        )
        return
    except _Unreadable as error:
        reading.problems.append(Problem(upload.name, None, "", str(error)))
        return
    except RecursionError:  # deeper than the parser goes
        too_deep = True
    if too_deep:
        message = f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep: no service is"
        reading.problems.append(Problem(upload.name, None, "", message))
        return
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = data["contents"]
    elif isinstance(data, list):
        items = data
    elif isinstance(data, dict) and "id" in data:
        items = [data]
    else:
        message = "Expected a list of services, a page of services under 'contents', or a service"
        reading.problems.append(Problem(upload.name, None, "", message))
        return
    validator = service_validator()
    for row, item in enumerate(items, start=1):
        origin = Origin(upload.name, row)
        if not isinstance(item, dict):
            reading.problems.append(origin.problem("", "A service must be a JSON object"))
            continue
        if unsaveable := list(_unsaveable(item)):
            # Checked first: the schema's messages would quote the text, which no page can show.
            reading.problems += [origin.problem(*where) for where in unsaveable]
            continue
        item = _without_nulls(item)
        errors = sorted(validator.iter_errors(item), key=lambda e: list(map(str, e.absolute_path)))
        reading.problems += [origin.problem(*describe(error)) for error in errors]
        if not errors:
            _mark(item, origin)
            reading.services.append(item)


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
            resources = json.loads(package.content)["resources"]
            named |= {PurePosixPath(r["path"]).name.lower() for r in resources if r.get("path")}
        except (ValueError, KeyError, TypeError, AttributeError):
            message = "This is not a data package the tables could be read by"
            reading.problems.append(Problem(package.name, None, "", message))
    return named


def _read_tables(uploads: list[Upload], reading: Reading, named: set[str]) -> None:
    tables: dict[str, list[dict]] = {}
    known_ids: dict[str, set[str]] = defaultdict(set)  # every id read, even on rows with problems
    by_table: dict[str, list[Upload]] = defaultdict(list)
    for upload in uploads:
        table = table_for_file(upload.name)
        if table is None:
            reading.notes.append(f"{upload.name} was not read: it is not a table this app imports")
        else:
            by_table[table].append(upload)
    for table, files in by_table.items():
        chosen = _the_file_of(table, files, named, reading)
        if chosen is not None:
            tables[table] = _read_csv(chosen, table, reading, known_ids[table])
    if "service" not in tables:
        message = f"{file_name('service')} is missing: it lists the services to import"
        reading.problems.append(Problem(file_name("service"), None, "", message))
        return
    joiner = _Joiner(tables, known_ids, reading)
    reading.services += [joiner.nest(row, SERVICE_PARTS) for row in tables["service"]]
    joiner.check_unjoined(SERVICE_PARTS, "service")


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


def _read_csv(upload: Upload, table: str, reading: Reading, ids: set[str]) -> list[dict]:
    """The rows without problems, typed as the schema says; problems go in `reading`."""
    reader = csv.DictReader(io.StringIO(_text(upload, reading), newline=""))
    rows: list[dict] = []
    first_row: dict[str, int] = {}
    try:
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        if not header:
            reading.problems.append(Problem(upload.name, None, "", "The file is empty"))
            return []
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
                ids.add(row["id"])
            reading.problems += problems
            if not problems and not absent:
                row[ORIGIN] = origin
                rows.append(row)
    except csv.Error as error:
        line = reader.line_num
        reading.problems.append(
            Problem(upload.name, None, "", f"Line {line} cannot be read: {error}")
        )
    return rows


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


class _Joiner:
    """Nests the rows of the tables into services, and finds rows that join nothing."""

    def __init__(self, tables: dict[str, list[dict]], known_ids, reading: Reading):
        self.tables = tables
        self.known_ids = known_ids
        self.reading = reading
        self.by_id = {table: {row["id"]: row for row in rows} for table, rows in tables.items()}
        self.by_link: dict[tuple[str, str], dict[str, list[dict]]] = {}

    def children(self, part: Part, parent_id: str) -> list[dict]:
        if (part.table, part.link) not in self.by_link:
            grouped = defaultdict(list)
            for row in self.tables.get(part.table, []):
                if part.link in row:
                    grouped[row[part.link]].append(row)
            self.by_link[(part.table, part.link)] = grouped
        return self.by_link[(part.table, part.link)].get(parent_id, [])

    def nest(self, row: dict, parts: tuple[Part, ...]) -> dict:
        node = dict(row)
        for part in parts:
            # A table not sent is not carried: what the directory holds of it stays.
            if not part.one and part.table in self.tables:
                node[part.key] = [
                    self.nest(child, part.parts) for child in self.children(part, row["id"])
                ]
            elif reference := row.get(part.link):
                child = self.by_id.get(part.table, {}).get(reference)
                if child is not None:
                    node[part.key] = self.nest(child, part.parts)
                elif reference not in self.known_ids[part.table]:
                    message = f"No row of {file_name(part.table)} has this id"
                    self.reading.problems.append(row[ORIGIN].problem(part.link, message))
        return node

    def check_unjoined(self, parts: tuple[Part, ...], parent: str) -> None:
        """Rows whose link names a parent that is not in the data (an empty link joins nothing)."""
        for part in parts:
            if not part.one:
                for row in self.tables.get(part.table, []):
                    reference = row.get(part.link)
                    if part.table == "attribute" and row.get("link_type", "service") != "service":
                        continue  # a term on an organisation or a location: not kept here
                    if reference and reference not in self.known_ids[parent]:
                        message = f"No row of {file_name(parent)} has this id"
                        self.reading.problems.append(row[ORIGIN].problem(part.link, message))
            self.check_unjoined(part.parts, part.table)


def _check_service_ids(reading: Reading) -> None:
    seen: dict[str, Origin] = {}
    for service in reading.services:
        origin = service[ORIGIN]
        if first := seen.get(service["id"]):
            where = f"{first.file}, row {first.row}"
            reading.problems.append(
                origin.problem("id", f"Another service has the same id ({where})")
            )
        seen.setdefault(service["id"], origin)
