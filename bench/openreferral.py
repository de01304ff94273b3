"""Times Open Referral UK export and import of a large directory; prints a table.

    python -m bench.openreferral [--services 10000]

Runs against DATABASE_URL when it is set (PostgreSQL, say), otherwise a fresh
SQLite file under bench/results/. The database's contents are replaced.
"""

import argparse
import json
import os
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    services = parser.parse_args().services
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

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    rows = run(services)
    title = f"Open Referral UK, {services:,} services, on {connection.vendor}"
    table = "\n".join([title, *(f"{step:<50}{seconds:>8.1f} s" for step, seconds in rows)])
    print(table)
    (RESULTS / "openreferral.txt").write_text(table + "\n")


def run(count: int) -> list[tuple[str, float]]:
    from django.core.management import call_command

    from community.openreferral.exporting import export_page, export_zip, resources_to_export
    from community.openreferral.importing import import_directory
    from community.openreferral.reading import Upload

    make_directory(count)
    rows = []
    started = time.perf_counter()
    as_json = json.dumps(export_page(resources_to_export().iterator(chunk_size=2000))).encode()
    rows.append((f"export JSON ({len(as_json) / 1e6:.1f} MB)", time.perf_counter() - started))
    started = time.perf_counter()
    as_zip = export_zip(resources_to_export().iterator(chunk_size=2000))
    rows.append((f"export CSV zip ({len(as_zip) / 1e6:.1f} MB)", time.perf_counter() - started))
    for name, content in [("directory.json", as_json), ("directory.zip", as_zip)]:
        call_command("flush", interactive=False, verbosity=0)
        for step in ["check only (dry run)", "import into an empty directory", "import again"]:
            started = time.perf_counter()
            report = import_directory(
                [Upload(name, content)], by=None, dry_run=step.startswith("check")
            )
            assert report.ok and report.services == count, report.problems[:5]
            rows.append((f"{name}: {step}", time.perf_counter() - started))
    return rows


def make_directory(count: int) -> None:
    """Resources that use every field, in thirty categories, saved in bulk."""
    from community.models import Category, CommunityResource

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
            postcode="LS6 3HN",
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
    Through = CommunityResource.categories.through
    Through.objects.bulk_create(
        Through(communityresource_id=resource.pk, category_id=categories[(index + step) % 30].pk)
        for index, resource in enumerate(resources)
        for step in (0, 7)
    )


if __name__ == "__main__":
    main()
