"""The directory's Open Referral UK export written as it is read, a chunk of resources at a
time: the first bytes leave at once and memory stays flat however big the directory grows.

The bytes are those of `exporting.export_page` (as JSON) and the files those of
`exporting.export_zip`, which build the whole export in memory first; the tests compare them.
"""

import csv
import io
import json
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet

from ..models import CommunityResource
from .exporting import _flatten, package_files
from .mapping import service_from_resource
from .tables import SERVICE_PARTS, TABLES, columns, file_name, to_cell

# Resources read at once: two queries each (the resources, their categories).
CHUNK = 500
# What is copied at once from a table spooled to disk into the zip.
BLOCK = 64 * 1024
# Told how many resources have been written so far, after each chunk (a job's progress).
Progress = Callable[[int], None]


def resources_in_chunks(
    resources: QuerySet[CommunityResource], size: int
) -> Iterator[list[CommunityResource]]:
    """`resources`, ordered by name and pk as `resources_to_export` orders them, a chunk at a
    time, each chunk fetched after the last one's name and pk with its prefetches. Not
    `.iterator()`: without server-side cursors (settings) PostgreSQL's client would hold the
    whole result."""
    after = Q()
    while chunk := list(resources.filter(after)[:size]):
        yield chunk
        # Each resource and its prefetched categories refer to each other: without this the
        # chunks wait for the garbage collector, and memory grows with the directory.
        for resource in chunk:
            resource._prefetched_objects_cache = {}  # type: ignore[attr-defined]
        if len(chunk) < size:
            return
        last = chunk[-1]
        after = Q(name__gt=last.name) | Q(name=last.name, pk__gt=last.pk)


def json_pieces(
    resources: QuerySet[CommunityResource], progress: Progress | None = None
) -> Iterator[bytes]:
    """One page of services in the shape of the Open Referral UK API's /services, counted first
    so that the page's totals come before its contents, as `export_page` writes them."""
    count = resources.count()
    totals = {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": not count,
    }
    yield json.dumps(totals).removesuffix("}").encode() + b', "contents": ['
    between = ""
    written = 0
    for chunk in resources_in_chunks(resources, CHUNK):
        services = ", ".join(_json(service_from_resource(resource)) for resource in chunk)
        yield (between + services).encode()
        between = ", "
        written += len(chunk)
        if progress:
            progress(written)
    yield b"]}"


def _json(service: dict) -> str:
    # As JsonResponse wrote the page before it was streamed.
    return json.dumps(service, ensure_ascii=False, cls=DjangoJSONEncoder)


class _Pipe:
    """Where the zip is written: it keeps the bytes until they are taken to be sent. With no
    `tell` or `seek`, zipfile writes each file's sizes after its data."""

    def __init__(self) -> None:
        self.pending = bytearray()

    def write(self, data: bytes) -> int:
        self.pending += data
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def drain(self) -> Iterator[bytes]:
        """What was written since, if anything."""
        if self.pending:
            yield bytes(self.pending)
            self.pending.clear()


# The tables whose rows several services can share: an organisation runs many, a term
# files many. Every other row's id is made up from its own service's (`mapping`), so it is
# written once without being remembered, and memory stays flat however many services.
SHARED_TABLES = {"organization", "taxonomy_term"}


def zip_pieces(
    resources: QuerySet[CommunityResource], progress: Progress | None = None
) -> Iterator[bytes]:
    """A zip of one CSV file per table, each row once. The services are the first file, sent
    as they are read; the other tables' rows wait in temporary files on disk until then."""
    pipe = _Pipe()
    # Only the rows several services share need remembering, to be written once.
    seen: dict[str, set[str]] = {table: set() for table in SHARED_TABLES}
    written = 0
    with (
        tempfile.TemporaryDirectory(prefix="openreferral-") as folder,
        zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        spools = {table: Path(folder) / f"{table}.csv" for table in TABLES[1:]}
        for table, path in spools.items():
            path.write_text(_csv_header(table), encoding="utf-8", newline="")
        with archive.open(file_name("service"), "w") as services:
            services.write(_csv_header("service").encode())
            for chunk in resources_in_chunks(resources, CHUNK):
                tables: dict[str, dict[str, dict]] = defaultdict(dict)
                for resource in chunk:
                    _flatten("service", service_from_resource(resource), SERVICE_PARTS, tables)
                for table, rows in tables.items():
                    if table in seen:
                        fresh = [row for key, row in rows.items() if key not in seen[table]]
                        seen[table].update(rows)
                    else:
                        fresh = list(rows.values())
                    if table == "service":
                        services.write(_csv_rows(table, fresh).encode())
                    else:
                        with spools[table].open("a", newline="", encoding="utf-8") as spool:
                            spool.write(_csv_rows(table, fresh))
                yield from pipe.drain()
                written += len(chunk)
                if progress:
                    progress(written)
        for table in TABLES[1:]:
            with spools[table].open("rb") as spool, archive.open(file_name(table), "w") as member:
                while block := spool.read(BLOCK):
                    member.write(block)
                    yield from pipe.drain()
        for name, content in package_files():
            archive.writestr(name, content)
    yield from pipe.drain()


def _csv_header(table: str) -> str:
    return _csv_rows(table, [], header=True)


def _csv_rows(table: str, rows: list[dict], header: bool = False) -> str:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns(table), lineterminator="\r\n")
    if header:
        writer.writeheader()
    for row in rows:
        writer.writerow({name: to_cell(table, name, value) for name, value in row.items()})
    return text.getvalue()
