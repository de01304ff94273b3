"""Times Open Referral UK export and import of a large directory; prints a table.

    python -m bench.openreferral [--services 2000 10000] [--export-only]

For each size: the public API's /services and /service_at_locations, in-process through
Django's test client and every middleware (median and p95 of pages, searches, filters and
distances; the target is a p95 under 100 ms); the streamed export as the page sends it (the
first byte, the whole, and the most memory Python held meanwhile, by tracemalloc), beside the
export built whole in memory; then, unless --export-only, the import of each form from a file
(the time of each step, and a fresh process's peak memory: the target is under 300 MB). Runs
against DATABASE_URL when it is set (PostgreSQL, say), otherwise a fresh SQLite file under
bench/results/. The database's contents are replaced.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, nargs="+", default=[10_000])
    parser.add_argument("--export-only", action="store_true", help="Leave out the imports")
    parser.add_argument("--import-peak", type=Path, help=argparse.SUPPRESS)  # `imports` runs it
    arguments = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    os.environ.setdefault("DEBUG", "1")
    if "DATABASE_URL" not in os.environ:
        database = RESULTS / "openreferral.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if arguments.import_peak:
        import_peak(arguments.import_peak)
        return
    call_command("migrate", verbosity=0)
    tables = []
    for services in arguments.services:
        call_command("flush", interactive=False, verbosity=0)
        make_directory(services)
        rows = exports() + api()
        if not arguments.export_only:
            rows += imports(services)
        title = f"Open Referral UK, {services:,} services, on {connection.vendor}"
        tables.append("\n".join([title, *(f"{step:<50}{figure:>14}" for step, figure in rows)]))
        print(tables[-1], flush=True)
    (RESULTS / "openreferral.txt").write_text("\n\n".join(tables) + "\n")


def exports() -> list[tuple[str, str]]:
    """The streamed export (as the page sends it) and the export built whole, of each form."""
    from community.openreferral.exporting import export_page, export_zip, resources_to_export
    from community.openreferral.streaming import json_pieces, zip_pieces

    rows = []
    for form, pieces, whole in [
        ("JSON", json_pieces, lambda: json.dumps(export_page(resources_to_export())).encode()),
        ("CSV zip", zip_pieces, lambda: export_zip(resources_to_export())),
    ]:
        started = time.perf_counter()
        stream = pieces(resources_to_export())
        size = len(next(stream))
        first = time.perf_counter() - started
        size += sum(len(piece) for piece in stream)
        rows += [
            (f"{form} streamed ({size / 1e6:.1f} MB): first byte", f"{first:.3f} s"),
            (f"{form} streamed: the whole", f"{time.perf_counter() - started:.1f} s"),
            (f"{form} streamed: peak memory", _peak(_drain, pieces(resources_to_export()))),
        ]
        started = time.perf_counter()
        whole()
        rows += [
            (f"{form} built whole: the whole", f"{time.perf_counter() - started:.1f} s"),
            (f"{form} built whole: peak memory", _peak(whole)),
        ]
    return rows


# The public API as other directories read it: /services paged through, searched, filtered by
# term, age, day and time; /service_at_locations nearest a postcode, within a distance.
API_QUERIES: dict[str, list[dict[str, str | int]]] = {
    "/services": [
        {},
        {"page": 2},
        {"page": 100, "per_page": 50},
        {"per_page": 200},
        {"search": "friendly group"},
        {"search": "resource 4321"},
        {"taxonomy_term_id": "culture"},
        {"minimum_age": 50},
        {"day": "TH"},
        {"day": "MO", "start_time": "09:00", "end_time": "17:00"},
    ],
    "/service_at_locations": [
        {"postcode": "LS6 3HN", "proximity": 2000},
        {"postcode": "LS1 1UR", "proximity": 5000},
        {"postcode": "LS13 3DF"},
        {"postcode": "LS6 3HN", "proximity": 3000, "page": 3},
    ],
}
API_REQUESTS = 200
API_TARGET_MS = 100


def api() -> list[tuple[str, str]]:
    """The public API: median and p95 over many requests to each path, each of its queries in
    turn, after one of each to warm up."""
    import statistics

    from django.test import Client

    from community.openreferral.taxonomies import OWN_TERMS

    culture = next(own.as_term()["id"] for own in OWN_TERMS if own.code == "culture")
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for path, listed in API_QUERIES.items():
        queries = [
            {**query, "taxonomy_term_id": culture} if "taxonomy_term_id" in query else query
            for query in listed
        ]
        for query in queries:
            assert client.get(f"/api/open-referral{path}", query).status_code == 200
        times = []
        for number in range(API_REQUESTS):
            started = time.perf_counter()
            response = client.get(f"/api/open-referral{path}", queries[number % len(queries)])
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        p95 = sorted(times)[round(0.95 * (len(times) - 1))]
        verdict = "met" if p95 < API_TARGET_MS else "MISSED"
        rows += [
            (f"API {path}: median", f"{statistics.median(times):.1f} ms"),
            (f"API {path}: p95 (< {API_TARGET_MS} ms: {verdict})", f"{p95:.1f} ms"),
        ]
    return rows


def _drain(stream: Iterator[bytes]) -> None:
    for _ in stream:
        pass


def _peak(work: Callable[..., object], *arguments: object) -> str:
    """The most memory Python's allocations held while `work` ran (tracemalloc's peak)."""
    tracemalloc.start()
    try:
        work(*arguments)
        return f"{tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB"
    finally:
        tracemalloc.stop()


IMPORT_MEMORY_TARGET_MB = 300
BENCH_KEY = "bench-only-key-" * 4


def imports(count: int) -> list[tuple[str, str]]:
    """Each form exported to a file, as the export job writes it, then imported from that
    file as the import job reads it: checked only, into an empty directory, and again. The
    peak memory is a fresh process's, importing into an empty directory: everything the
    process holds, Django and SQLite's cache included, as the worker would."""
    from django.core.management import call_command

    from community.openreferral.exporting import resources_to_export
    from community.openreferral.importing import import_directory
    from community.openreferral.reading import Upload
    from community.openreferral.streaming import json_pieces, zip_pieces

    rows = []
    for name, pieces in [("directory.json", json_pieces), ("directory.zip", zip_pieces)]:
        path = RESULTS / name
        with path.open("wb") as file:
            for piece in pieces(resources_to_export()):
                file.write(piece)
        call_command("flush", interactive=False, verbosity=0)
        for step in ["check only (dry run)", "import into an empty directory", "import again"]:
            started = time.perf_counter()
            report = import_directory(
                [Upload.on_disk(name, path)], by=None, dry_run=step.startswith("check")
            )
            assert report.ok and report.services == count, report.problems[:5]
            rows.append((f"{name}: {step}", f"{time.perf_counter() - started:.1f} s"))
        call_command("flush", interactive=False, verbosity=0)
        measured = subprocess.run(
            [sys.executable, "-m", "bench.openreferral", "--import-peak", str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
            # As a worker runs: without DEBUG, which keeps every query's SQL.
            env={**os.environ, "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", BENCH_KEY)},
        )
        peak = float(measured.stdout.split()[-1])
        verdict = "met" if peak < IMPORT_MEMORY_TARGET_MB else "MISSED"
        rows.append(
            (
                f"{name}: import, peak memory (< {IMPORT_MEMORY_TARGET_MB} MB: {verdict})",
                f"{peak:.0f} MB",
            )
        )
        path.unlink()
    return rows


def import_peak(path: Path) -> None:
    """Imports `path` into this process's (empty) database; prints the process's peak
    resident memory, in MB."""
    from community.openreferral.importing import import_directory
    from community.openreferral.reading import Upload

    report = import_directory([Upload.on_disk(path.name, path)], by=None)
    assert report.ok, report.problems[:5]
    print(f"{_peak_resident_mb():.0f}")


def _peak_resident_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM, which starts afresh when a process
    starts a program; getrusage's figure would count the parent the process was forked from."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_directory(count: int) -> None:
    """Resources that use every field, in thirty categories, with opening times, spread over
    the demo's postcodes (whose centres are loaded), a tenth at points of their own; saved in
    bulk."""
    import datetime
    from decimal import Decimal

    from community.models import Category, CommunityResource, Day, OpeningTime
    from demo.management.commands.demo_data import POSTCODE_CENTRES
    from postcode_centres.loading import centres_load

    with POSTCODE_CENTRES.open(newline="") as file:
        centres_load(file)
    postcodes = ["LS1 1UR", "LS5 3HS", "LS6 2AH", "LS6 3HN", "LS7 9QX", "LS13 3DF", "LS16 5JT"]

    categories = Category.objects.bulk_create(
        Category(name=f"Category {number}") for number in range(30)
    )
    resources = CommunityResource.objects.bulk_create(
        CommunityResource(
            name=f"Community resource {number}",
            organisation=f"Organisation {number % 700}",
            description="A friendly group that meets every week. " * 6,
            asset_type=CommunityResource.AssetType.values[number % 6],
            address_line_1=f"{number % 300} High Street",
            town="Leeds",
            county="West Yorkshire",
            postcode=postcodes[number % len(postcodes)],
            latitude=Decimal(f"53.{780 + number % 60}") if number % 10 == 0 else None,
            longitude=Decimal(f"-1.{500 + number % 150}") if number % 10 == 0 else None,
            area=f"Ward {number % 33}",
            contact_name="Sam Jones",
            phone="0113 496 0000",
            email=f"group{number}@example.org",
            website=f"https://group{number}.example.org",
            opening_times="Thursdays 10am to 12 noon",
            who_for="Anyone over 50",
            cost=CommunityResource.Cost.values[number % 4],
            accessibility="Step-free access; hearing loop",
        )
        for number in range(count)
    )
    days = Day.values
    OpeningTime.objects.bulk_create(
        OpeningTime(
            resource_id=resource.pk,
            days=",".join(days[index % 7 : index % 7 + 2]),
            opens_at=datetime.time(8 + index % 4),
            closes_at=datetime.time(13 + index % 6),
        )
        for index, resource in enumerate(resources)
    )
    Through = CommunityResource.categories.through
    Through.objects.bulk_create(
        Through(communityresource_id=resource.pk, category_id=categories[(index + step) % 30].pk)
        for index, resource in enumerate(resources)
        for step in (0, 7)
    )


if __name__ == "__main__":
    main()
