"""Exporting the directory as Open Referral UK: one JSON page of services, or CSV tables."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable

from reading.databases import replica

from ..models import CommunityResource
from .mapping import NESTED_RELATIONS, service_from_resource
from .reading import DATA_PACKAGE
from .tables import SCHEMA_DIR, SERVICE_PARTS, TABLES, Part, columns, file_name, to_cell
from .taxonomies import all_taxonomies, taxonomy


def resources_to_export():
    """Every resource, archived ones too (as inactive services), so an export restores all;
    read on the replica, the categories too."""
    resources = CommunityResource.objects.using(replica())
    return resources.prefetch_related(*NESTED_RELATIONS).order_by("name", "pk")


def services(resources: Iterable[CommunityResource]) -> list[dict]:
    return [service_from_resource(resource) for resource in resources]


def export_page(resources: Iterable[CommunityResource]) -> dict:
    """The services as one page, in the shape of the Open Referral UK API's /services."""
    contents = services(resources)
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def export_tables(resources: Iterable[CommunityResource]) -> dict[str, list[dict]]:
    """The services as rows of the tabular form, by table, each row once."""
    tables: dict[str, dict[str, dict]] = defaultdict(dict)
    for service in services(resources):
        _flatten("service", service, SERVICE_PARTS, tables)
    return {table: list(tables[table].values()) for table in TABLES}


def _flatten(table: str, record: dict, parts: tuple[Part, ...], tables, link=None) -> None:
    row = {key: value for key, value in record.items() if not isinstance(value, dict | list)}
    row |= link or {}
    for part in parts:
        value = record.get(part.key)
        if part.one and value:
            row[part.link] = value["id"]
            _flatten(part.table, value, part.parts, tables)
        elif not part.one:
            for child in value or []:
                _flatten(part.table, child, part.parts, tables, {part.link: record["id"]})
    tables[table].setdefault(row["id"], row)


def export_zip(resources: Iterable[CommunityResource]) -> bytes:
    """A zip of one CSV file per table, each with its header even when it has no rows."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table, rows in export_tables(resources).items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns(table), lineterminator="\r\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({name: to_cell(table, name, value) for name, value in row.items()})
            archive.writestr(file_name(table), text.getvalue())
        for name, content in package_files():
            archive.writestr(name, content)
    return buffer.getvalue()


def package_files() -> list[tuple[str, str]]:
    """What a CSV export holds beside the tables of its services, so that the standard's own
    tools (`frictionless validate datapackage.json`) read it whole: the standard's data
    package, the taxonomies of this app's own terms, and each other table the package names,
    with its header only."""
    package = json.loads((SCHEMA_DIR / "datapackage.json").read_text())
    written = {file_name(table) for table in TABLES}
    files = []
    for resource in package["resources"]:
        if resource["path"] in written:
            continue
        names = [field["name"] for field in resource["schema"]["fields"]]
        rows = (
            [taxonomy(name) for name in all_taxonomies()] if resource["name"] == "taxonomy" else []
        )
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=names, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: to_cell("taxonomy", key, value) for key, value in row.items()})
        files.append((resource["path"], text.getvalue()))
    return [(DATA_PACKAGE, json.dumps(package, indent=2)), *files]
