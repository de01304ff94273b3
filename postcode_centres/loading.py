"""Loading postcode centre points from a CSV file: the ONS Postcode Directory's (columns
`pcds`, `lat`, `long`) or any with a postcode, a latitude and a longitude column. Read a
batch at a time, so the whole country's 2.7 million rows load in flat memory; loading the
same file again changes nothing."""

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction

from people.validators import normalise_postcode

from .models import PostcodeCentre

BATCH = 5000
POSTCODE_COLUMNS = ["pcds", "postcode", "pcd", "pcd2"]
LATITUDE_COLUMNS = ["lat", "latitude"]
LONGITUDE_COLUMNS = ["long", "longitude", "lng", "lon"]
# The ONS Postcode Directory's point for a postcode it has no grid reference for.
NOWHERE = (Decimal("99.999999"), Decimal("0"))
# A problem is told for this many rows; the rest are counted.
PROBLEMS_TOLD = 20


class NotACentresFile(ValueError):
    pass


@dataclass
class LoadReport:
    loaded: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


def centres_load(file: IO[str]) -> LoadReport:
    """Adds or updates the centre of every postcode in `file`, all or nothing."""
    report = LoadReport()
    rows = csv.DictReader(file)
    columns = {name.strip().lower(): name for name in rows.fieldnames or []}
    postcode, latitude, longitude = (
        _column(columns, names) for names in [POSTCODE_COLUMNS, LATITUDE_COLUMNS, LONGITUDE_COLUMNS]
    )
    with transaction.atomic():
        for batch in _batches(_centres(rows, postcode, latitude, longitude, report)):
            PostcodeCentre.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["postcode"],
                update_fields=["latitude", "longitude"],
            )
            report.loaded += len(batch)
    return report


def _column(columns: dict[str, str], names: list[str]) -> str:
    for name in names:
        if name in columns:
            return columns[name]
    raise NotACentresFile(f"The file has no column named {' or '.join(names)}")


def _centres(
    rows: Iterable[dict], postcode: str, latitude: str, longitude: str, report: LoadReport
) -> Iterator[PostcodeCentre]:
    for number, row in enumerate(rows, start=2):
        code = normalise_postcode(row.get(postcode) or "")
        try:
            point = (Decimal(row[latitude].strip()), Decimal(row[longitude].strip()))
        except (InvalidOperation, AttributeError):
            point = None
        if point and not all(part.is_finite() for part in point):
            point = None
        if point == NOWHERE:
            report.skipped += 1  # in the directory, but not on the map
            continue
        problem = ""
        if not code or len(code) > 10:
            problem = f"Row {number}: {code[:20]!r} is not a postcode"
        elif point is None or not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            problem = f"Row {number}: {code} has no latitude and longitude"
        if problem:
            report.skipped += 1
            if len(report.problems) < PROBLEMS_TOLD:
                report.problems.append(problem)
            continue
        assert point is not None
        yield PostcodeCentre(
            postcode=code, latitude=round(point[0], 6), longitude=round(point[1], 6)
        )


def _batches(centres: Iterator[PostcodeCentre]) -> Iterator[list[PostcodeCentre]]:
    batch: list[PostcodeCentre] = []
    for centre in centres:
        batch.append(centre)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
