"""The shape of Open Referral UK data, as this project reads and writes it.

Open Referral UK (the UK profile of HSDS 3.0) describes a service with its
organisation, contacts, schedules, locations and taxonomy terms: nested in one
JSON object per service, or as one CSV file per table. `SERVICE_PARTS` declares
once how the tables hang together; reading CSV and writing CSV both follow it.

The CSV files are opened in spreadsheets, so free text that a spreadsheet would
run as a formula is written neutralised (`spreadsheets.cells`) and read back
restored; numbers, ids, codes, dates and phone numbers are left as they are,
for other directories' tools to read.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from spreadsheets import cells

SCHEMA_DIR = Path(__file__).parent / "schema"
UUID_PATTERN = r"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z"


@dataclass(frozen=True)
class Part:
    """A table nested in its parent under `key`, joined by the column `link`.

    With `one`, the parent's `link` column names one row of the table (a
    service's organisation); otherwise the table's `link` column names the
    parent, which holds a list of them (a service's contacts).
    """

    key: str
    table: str
    link: str
    one: bool = False
    parts: tuple["Part", ...] = ()


SERVICE_PARTS = (
    Part("organization", "organization", "organization_id", one=True),
    Part("contacts", "contact", "service_id", parts=(Part("phones", "phone", "contact_id"),)),
    Part("schedules", "schedule", "service_id"),
    Part("service_areas", "service_area", "service_id"),
    Part("cost_options", "cost_option", "service_id"),
    Part(
        "service_at_locations",
        "service_at_location",
        "service_id",
        parts=(
            Part(
                "location",
                "location",
                "location_id",
                one=True,
                parts=(
                    Part("addresses", "address", "location_id"),
                    Part("accessibility", "accessibility", "location_id"),
                ),
            ),
        ),
    ),
    Part(
        "attributes",
        "attribute",
        "link_id",
        parts=(Part("taxonomy_term", "taxonomy_term", "taxonomy_term_id", one=True),),
    ),
)


def _tables(parts: tuple[Part, ...]) -> list[str]:
    return [name for part in parts for name in [part.table, *_tables(part.parts)]]


TABLES = ["service", *_tables(SERVICE_PARTS)]

# Columns of HSDS 3.0 beyond the UK profile that this project reads (and, being free text,
# restores as it reads them), though it writes only what the profile defines.
EXTRA_COLUMNS = {
    "service": ["eligibility_description"],
    "address": ["address_2"],
    # Some publishers' tabular form says link_entity where the JSON form says link_type.
    "attribute": ["link_entity"],
}


# Columns of codes that may begin with "+" or "-" by right. A value of the code's shape is
# left as it is (it cannot name a function or a cell); anything else there is text.
CODE_SHAPES = {
    ("phone", "number"): re.compile(r"\+[\d\s().-]+"),
    # A phone number travels as a term's words (the profile's JSON form has no phones).
    ("taxonomy_term", "description"): re.compile(r"\+[\d\s().-]+"),
    ("schedule", "byday"): re.compile(r"[+-]?\d*[A-Za-z]{2}(\s*,\s*[+-]?\d*[A-Za-z]{2})*"),
    ("schedule", "bymonthday"): re.compile(r"[+-]?\d+(\s*,\s*[+-]?\d+)*"),
}


@cache
def table_schema(table: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{table}.json").read_text())


# Where the standard publishes its schema files: the OpenAPI file's `$ref`s name them there.
PUBLISHED_AT = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI = "urn:open-referral-uk:openapi"


@cache
def _registry() -> Registry:
    """Every schema file, under the address the standard publishes it at, and the OpenAPI
    file: so a `$ref` to the standard's site is read from this folder, never fetched."""
    resources = [
        (PUBLISHED_AT + path.relative_to(SCHEMA_DIR).as_posix(), json.loads(path.read_text()))
        for path in SCHEMA_DIR.rglob("*.json")
    ]
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    resources.append((OPENAPI, openapi))
    return Registry().with_resources(
        (uri, DRAFT202012.create_resource(contents)) for uri, contents in resources
    )


@cache
def api_response_validator(path: str) -> Draft202012Validator:
    """Checks what a GET of `path` (as `schema/openapi.json` writes it: "/services/{id}")
    answers with 200."""
    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in ["paths", path, "get", "responses", "200", "content", "application/json"]
    )
    schema = {"$ref": f"{OPENAPI}#/{pointer}/schema"}
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


@cache
def listed_service_fields() -> frozenset[str]:
    """What a page of /services holds of each service: its one-to-one fields."""
    schema = json.loads((SCHEMA_DIR / "compiled" / "service_list.json").read_text())
    return frozenset(schema["properties"])


class Checker:
    """Checks data against a schema: first by the schema compiled to Python code
    (fastjsonschema), which is quick and says only whether it holds; where it does not,
    jsonschema finds every error and words it, and its word is the last. Formats are
    jsonschema's own checks in both, so the two never disagree about a format."""

    def __init__(self, schema: dict):
        self.full = Draft202012Validator(schema, format_checker=FormatChecker())
        checker = self.full.format_checker
        assert checker is not None
        formats: dict = {
            name: (lambda value, name=name: checker.conforms(value, name))
            for name in _formats(schema)
        }
        if "uuid" in formats:
            # The commonest by far, as a pattern: stricter than jsonschema's (which takes
            # braces and extra hyphens), so never passing what it refuses.
            formats["uuid"] = UUID_PATTERN
        # The keywords these schemas use (type, properties, items, required, enum, format)
        # mean the same in draft 7, the latest fastjsonschema compiles.
        compiled = {key: value for key, value in schema.items() if key != "$schema"}
        self.quick = fastjsonschema.compile(
            compiled | {"$schema": "http://json-schema.org/draft-07/schema#"}, formats=formats
        )

    def iter_errors(self, data) -> list[ValidationError]:
        try:
            self.quick(data)
        except fastjsonschema.JsonSchemaException:
            return list(self.full.iter_errors(data))
        return []


def _formats(schema) -> set[str]:
    """Every format a schema names."""
    if isinstance(schema, dict):
        found = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return found.union(*(_formats(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_formats(value) for value in schema))
    return set()


@cache
def service_validator() -> Checker:
    """Checks one service in the JSON form, everything nested in it."""
    return Checker(json.loads((SCHEMA_DIR / "compiled" / "service.json").read_text()))


@cache
def row_validator(table: str) -> Checker:
    """Checks one row of a table in the tabular form, with the columns that form requires."""
    properties = _scalar_properties(table)
    row_schema = {"type": "object", "properties": properties, "required": required_columns(table)}
    return Checker(row_schema)


def required_columns(table: str) -> list[str]:
    """The columns every row of a table in the tabular form must have."""
    schema = table_schema(table)
    properties = _scalar_properties(table)
    return [
        name
        for name in [*schema.get("required", []), *schema.get("tabular_required", [])]
        if name in properties
    ]


def columns(table: str) -> list[str]:
    """The CSV columns of a table as this project writes them: the profile's, in order."""
    return list(_scalar_properties(table))


def _scalar_properties(table: str) -> dict[str, dict]:
    return {
        name: spec
        for name, spec in table_schema(table)["properties"].items()
        if spec.get("type") not in {"array", "object", None}
    }


@cache
def text_columns(table: str) -> frozenset[str]:
    """The columns of free text: strings for which the schema gives neither a format (ids,
    web and email addresses, dates and times) nor a list of values; and this project's extra
    columns, which are HSDS 3.0's free text."""
    return frozenset(
        [
            name
            for name, spec in _scalar_properties(table).items()
            if spec["type"] == "string" and "format" not in spec and "enum" not in spec
        ]
        + EXTRA_COLUMNS.get(table, [])
    )


def to_cell(table: str, column: str, value):
    """A value as its CSV cell: free text that a spreadsheet would run is neutralised."""
    return cells.neutralise(value) if _is_text(table, column, value) else value


def from_cell(table: str, column: str, text: str) -> str:
    """A CSV cell's text as the value `to_cell` was given."""
    return cells.restore(text) if _is_text(table, column, text) else text


def _is_text(table: str, column: str, value) -> bool:
    shape = CODE_SHAPES.get((table, column))
    if shape and isinstance(value, str) and shape.fullmatch(value):
        return False
    return column in text_columns(table)


def number_columns(table: str) -> set[str]:
    properties = _scalar_properties(table)
    return {name for name, spec in properties.items() if spec["type"] in {"number", "integer"}}


def file_name(table: str) -> str:
    return table_schema(table)["path"]


def table_for_file(name: str) -> str | None:
    """Which table a CSV file holds, by its name: the schema's, its singular or its plural."""
    stem = Path(name).name.lower().removesuffix(".csv").replace("organisation", "organization")
    for table in TABLES:
        path_stem = file_name(table).removesuffix(".csv")
        plural = f"{table[:-1]}ies" if table.endswith("y") else f"{table}s"
        if stem in {table, path_stem, plural, f"{table}es"}:
            return table
    return None
