"""Importing a directory: everything is checked first; then all of it is saved, or none.

A service whose id came before updates the resource it made (or the resource
whose code it is, for an export of this app) rather than adding another.
Saving is in bulk, with a history entry for every resource added or changed.
"""

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User

from ..models import Category, CommunityResource
from ..selectors import IMPORTED_FROM
from .mapping import (
    LINES,
    ResourceData,
    as_uuid,
    category_id,
    resource_from_service,
)
from .not_kept import NotKept
from .reading import Problem, Reading, Upload, read_uploads
from .spool import Spool

BATCH = 1000
# The check tells how far it has got every this many services.
PROGRESS_EVERY = 5000
# What a term may say of a category beyond its name (`mapping._category_details`).
CATEGORY_DETAILS = ["taxonomy", "code", "description", "uri"]
CHANGE_REASON_LENGTH = 100  # django-simple-history's column


@dataclass
class ImportReport:
    files: list[str]
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    services: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    categories_added: int = 0
    # What the directory does not keep (`not_kept.NotKept`): the first services' fields, and
    # how many services had each field.
    not_kept_services: list[dict] = field(default_factory=list)
    not_kept_by_field: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        counts = f"{self.added} added, {self.changed} changed and {self.unchanged} unchanged"
        resources = "resource" if self.services == 1 else "resources"
        return f"{self.services} {resources}: {counts}"


def import_directory(
    uploads: list[Upload],
    *,
    by: User | None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    then: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Checks the files and, unless `dry_run` or anything is wrong, saves what they hold.
    `progress` is told each stage in words, before the saving's transaction; `then` is called
    inside it, with the report, so that what it saves (a job's end) is saved with the import.

    Nothing is held whole: the services read wait on disk in the reading's spool; each is
    checked in turn and the record made of it waits in a spool of its own; then, if nothing
    is wrong, the records are saved a batch at a time. Memory stays flat however many there
    are."""
    progress = progress or (lambda stage: None)
    progress("Reading the files")
    with read_uploads(uploads) as reading:
        report = ImportReport(
            files=[upload.name for upload in uploads],
            dry_run=dry_run,
            problems=reading.problems,
            notes=reading.notes,
        )
        with Spool() as records:
            terms = _check(reading, report, progress, records)
            if report.problems:
                return report
            _save(records, terms, report, by=by, progress=progress, then=then)
    return report


def _save(
    records: Spool,
    terms: "_Terms",
    report: ImportReport,
    *,
    by: User | None,
    progress: Callable[[str], None],
    then: Callable[[ImportReport], None] | None,
) -> None:
    """Saves the records a batch at a time, all in one transaction; or, for a dry run,
    counts what saving them would do."""
    dry_run = report.dry_run
    progress("Comparing with the directory" if dry_run else "Saving the directory")
    reason = f"{IMPORTED_FROM}{', '.join(report.files)}"[:CHANGE_REASON_LENGTH]
    with transaction.atomic():
        categories = _Categories(terms)
        report.categories_added = len(categories.new)
        if not dry_run:
            categories.save()
        kept = iter(records)
        while batch := list(islice(kept, BATCH)):
            plan = _Plan(batch, categories)
            report.added += len(plan.new)
            report.changed += len(plan.changed)
            if not dry_run:
                plan.save(by=by, reason=reason)
        report.unchanged = report.services - report.added - report.changed
        if then:
            then(report)


def _check(
    reading: Reading, report: ImportReport, progress: Callable[[str], None], records: Spool
) -> "_Terms":
    """Checks every service read, adding what is wrong, what was left out and what is not
    kept to the report, and keeping each one's record in `records` to be saved; the taxonomy
    terms the services use."""
    left_out: Counter = Counter()
    not_kept = NotKept()
    terms = _Terms()
    for done, service in enumerate(reading.services(), start=1):
        record = resource_from_service(service, left_out)
        report.problems += record.problems
        if not report.problems:  # else nothing will be saved
            records.add(record)
        terms.add(record)
        not_kept.add(service)
        if done % PROGRESS_EVERY == 0:
            progress(f"Checking services: {done:,} of {reading.count:,}")
    report.problems.sort(key=lambda problem: (problem.file, problem.row or 0))
    report.notes += [
        f"{count} {'service has' if count == 1 else 'services have'} {what}"
        for what, count in left_out.items()
    ]
    report.services = reading.count
    report.not_kept_services, report.not_kept_by_field = not_kept.services, not_kept.by_field
    return terms


class _Terms:
    """The taxonomy terms services use, and what they say of their categories."""

    def __init__(self) -> None:
        self.keys: set[tuple[str, str]] = set()  # (the term's id, its name)
        self.details: dict[str, dict[str, str]] = {}  # by the term's id

    def add(self, record: ResourceData) -> None:
        self.keys.update(record.categories)
        self.details.update(record.category_details)


class _Categories:
    """The category of each term: the one with its id, or else with its name, or else a new
    one; worked out once, for every service imported."""

    def __init__(self, terms: _Terms):
        self.new: list[Category] = []
        self.identified: dict[int, Category] = {}  # by pk: existing ones changed
        keys = terms.keys
        by_id = {
            c.external_id: c for c in Category.objects.filter(external_id__in={k[0] for k in keys})
        }
        by_name = {c.name: c for c in Category.objects.filter(name__in={k[1] for k in keys})}
        self.by_key: dict[tuple[str, str], Category] = {}
        for term_id, name in sorted(keys, key=lambda key: key[1]):
            category = by_id.get(term_id) or by_name.get(name)
            said = {f: value for f, value in terms.details.get(term_id, {}).items() if value}
            if category is None:
                category = Category(name=name, external_id=term_id, **said)
                self.new.append(category)
                by_name[name] = category
            else:
                # What a term says of its category adds to it; a term that says less takes
                # nothing away.
                changed = {f: v for f, v in said.items() if getattr(category, f) != v}
                if not category.external_id and term_id != category_id(category):
                    changed["external_id"] = term_id
                if changed and category.pk is not None:  # else new in this import
                    self.identified[category.pk] = category
                for field, value in changed.items():
                    setattr(category, field, value)
            by_id.setdefault(term_id, category)
            self.by_key[(term_id, name)] = category

    def save(self) -> None:
        Category.objects.bulk_create(self.new, batch_size=BATCH)
        Category.objects.bulk_update(
            list(self.identified.values()), ["external_id", *CATEGORY_DETAILS], batch_size=BATCH
        )


class _Plan:
    """What saving a batch of records would add and change, worked out before it is saved."""

    def __init__(self, records: list[ResourceData], categories: _Categories):
        self.new: list[CommunityResource] = []
        self.changed: list[CommunityResource] = []
        self.categories: dict[int, list[Category]] = {}  # by id(resource)
        # The lines of each kind that replace a resource's own, by id(resource).
        self.lines: dict[int, dict[str, list[dict]]] = {}
        self.field_names = sorted({name for record in records for name in record.fields})
        existing = _existing_resources([record.service_id for record in records])
        for record in records:
            code = as_uuid(record.service_id)
            resource = existing.get(record.service_id) or existing.get(str(code))
            found = [categories.by_key[key] for key in record.categories]
            chosen = list({category.name: category for category in found}.values())
            if resource is not None and not record.categories_carried:
                chosen = list(resource.categories.all())
            if resource is None:
                resource = CommunityResource(code=_free_code(code, existing), **record.fields)
                resource.external_id = _external_id(resource, record)
                self.new.append(resource)
                self.lines[id(resource)] = record.lines
            elif (lines := _lines_changed(resource, record)) or _differs(resource, record, chosen):
                self.lines[id(resource)] = lines
                for name, value in record.update.items():
                    setattr(resource, name, value)
                resource.external_id = _external_id(resource, record)
                self.changed.append(resource)
            else:
                continue
            self.categories[id(resource)] = chosen
            resource.category_names = ", ".join(sorted(category.name for category in chosen))

    @transaction.atomic
    def save(self, *, by: User | None, reason: str) -> None:
        now = timezone.now()
        for resource in self.changed:
            resource.updated_at = now
        CommunityResource.objects.bulk_create(self.new, batch_size=BATCH)
        fields = ["external_id", "updated_at", "category_names", *self.field_names]
        CommunityResource.objects.bulk_update(self.changed, fields, batch_size=BATCH)
        through = self._save_categories()
        self._save_lines()
        history = CommunityResource.history
        records = [
            *history.bulk_history_create(
                self.new, default_user=by, default_change_reason=reason, batch_size=BATCH
            ),
            *history.bulk_history_create(
                self.changed,
                update=True,
                default_user=by,
                default_change_reason=reason,
                batch_size=BATCH,
            ),
        ]
        _save_category_history(records, through)

    def _save_lines(self) -> None:
        """Replaces the lines of each kind that changed, for every resource saved."""
        for relation, lines in LINES.items():
            Line = lines.model
            replaced = [
                resource.pk
                for resource in self.changed
                if relation in self.lines.get(id(resource), {})
            ]
            for start in range(0, len(replaced), BATCH):
                taken = Line._default_manager.filter(
                    resource_id__in=replaced[start : start + BATCH]
                )
                if lines.kept_if:
                    taken = taken.exclude(**{lines.kept_if: True})
                taken.delete()
            rows = [
                Line(resource_id=resource.pk, **line)
                for resource in [*self.new, *self.changed]
                for line in self.lines.get(id(resource), {}).get(relation, [])
            ]
            Line._default_manager.bulk_create(rows, batch_size=BATCH)

    def _save_categories(self) -> dict[int, list]:
        """Replaces the categories of every resource saved; the rows made, by resource."""
        Through = CommunityResource.categories.through
        changed = [resource.pk for resource in self.changed]
        for start in range(0, len(changed), BATCH):
            Through.objects.filter(communityresource_id__in=changed[start : start + BATCH]).delete()
        rows = [
            Through(communityresource_id=resource.pk, category_id=category.pk)
            for resource in [*self.new, *self.changed]
            for category in self.categories[id(resource)]
        ]
        Through.objects.bulk_create(rows, batch_size=BATCH)
        by_resource: dict[int, list] = {}
        for row in rows:
            by_resource.setdefault(row.communityresource_id, []).append(row)
        return by_resource


def _existing_resources(service_ids: list[str]) -> dict[str, CommunityResource]:
    """The resources these ids came from before, or whose codes they are, by id."""
    found: dict[str, CommunityResource] = {}
    for start in range(0, len(service_ids), BATCH):
        ids = service_ids[start : start + BATCH]
        codes = [code for code in map(as_uuid, ids) if code]
        matches = CommunityResource.objects.filter(Q(external_id__in=ids) | Q(code__in=codes))
        for resource in matches.prefetch_related("categories", *LINES):
            found.setdefault(str(resource.code), resource)
            if resource.external_id:
                found[resource.external_id] = resource
    return found


def _external_id(resource: CommunityResource, record: ResourceData) -> str:
    """The service's id, kept unless it is the resource's own code."""
    return "" if str(resource.code) == str(as_uuid(record.service_id)) else record.service_id


def _differs(resource: CommunityResource, record: ResourceData, categories: list[Category]) -> bool:
    if any(getattr(resource, name) != value for name, value in record.update.items()):
        return True
    if resource.external_id != _external_id(resource, record):
        return True
    return {c.name for c in resource.categories.all()} != {c.name for c in categories}


def _lines_changed(resource: CommunityResource, record: ResourceData) -> dict[str, list[dict]]:
    """The kinds of line the service carries whose lines differ from the resource's, with the
    service's lines."""
    changed = {}
    for relation, lines in record.lines.items():
        kept_if = LINES[relation].kept_if
        rows = [
            row
            for row in getattr(resource, relation).all()
            if not (kept_if and getattr(row, kept_if))
        ]
        names = list(lines[0]) if lines else []
        if [{name: getattr(row, name) for name in names} for row in rows] != lines:
            changed[relation] = lines
    return changed


def _free_code(code: uuid.UUID | None, existing: dict) -> uuid.UUID:
    """The service's own id as the resource's code, so an export keeps its addresses."""
    return code if code and str(code) not in existing else uuid.uuid4()


def _save_category_history(records: list, through: dict[int, list]) -> None:
    """Each version's categories, which django-simple-history keeps but bulk saving skips."""
    M2MHistory = apps.get_model("community", "HistoricalCommunityResource_categories")
    M2MHistory.objects.bulk_create(
        [
            M2MHistory(
                history_id=record.pk,
                id=row.pk,
                communityresource_id=row.communityresource_id,
                category_id=row.category_id,
            )
            for record in records
            for row in through.get(record.id, [])
        ],
        batch_size=BATCH,
    )
