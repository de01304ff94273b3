"""Moving people in from the council's current system: all of the extract, or nothing.

Everything is checked first (`checking.plan_import`); if anything is wrong, nothing is
saved and every problem is listed. Saving is in bulk, in one transaction, with a version
of every person and network member added that names who imported them.
"""

from dataclasses import dataclass, field

from django.db import transaction

from accounts.models import User
from networks.models import NetworkMember
from people.models import Person

from .checking import Plan, Upload, plan_import
from .models import Import, KeyDate, PreviousRecord
from .reading import Problem

BATCH = 1000
REASON = "Imported from the council's previous system"


@dataclass
class Report:
    """What a check or an import found, in words that name no one."""

    files: list[str]
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    by_team: list[tuple[str, int]] = field(default_factory=list)
    saved: Import | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        counts = self.counts
        people = counts.get("people", 0)
        return (
            f"{people} {'person' if people == 1 else 'people'} "
            f"({counts.get('open', 0)} open, {people - counts.get('open', 0)} closed), "
            f"{_count(counts.get('key_dates', 0), 'key date')} and "
            f"{_count(counts.get('network_members', 0), 'network member')}"
        )

    @property
    def lines(self) -> list[str]:
        """The report as it is kept with an import."""
        return [
            self.summary,
            *(f"{team}: {_count(count, 'person', 'people')}" for team, count in self.by_team),
        ]


def people_import(
    *,
    people: Upload,
    key_dates: Upload | None = None,
    network: Upload | None = None,
    by: User | None,
    dry_run: bool = False,
) -> Report:
    """Checks the extract and, unless `dry_run` or anything is wrong, saves all of it as
    imported by `by`."""
    if by is None and not dry_run:
        raise ValueError("An import is saved as someone's: say who is importing")
    with transaction.atomic():
        plan = plan_import(people, key_dates, network)
        report = Report(files=plan.files, dry_run=dry_run, problems=plan.problems)
        if plan.ok:
            report.counts = plan.counts()
            report.by_team = plan.people_by_team()
        if plan.ok and not dry_run and by is not None:
            report.saved = _save(plan, report, by=by)
    return report


def _save(plan: Plan, report: Report, *, by: User) -> Import:
    counts = report.counts
    saved = Import.objects.create(
        by=by,
        files=plan.files,
        people=counts["people"],
        key_dates=counts["key_dates"],
        network_members=counts["network_members"],
        messages=report.lines,
    )
    reason = f"{REASON} ({saved.code})"
    Person.objects.bulk_create(plan.people, batch_size=BATCH)
    Person.history.bulk_history_create(
        plan.people, default_user=by, default_change_reason=reason, batch_size=BATCH
    )
    records = [
        PreviousRecord(person=person, reference=reference, imported_by=saved)
        for person, reference in zip(plan.people, plan.references, strict=True)
    ]
    PreviousRecord.objects.bulk_create(records, batch_size=BATCH)
    by_reference = {record.reference: record for record in records}
    key_dates: list[KeyDate] = []
    for reference, dates in plan.key_dates.items():
        for key_date in dates:
            key_date.record = by_reference[reference]
            key_dates.append(key_date)
    KeyDate.objects.bulk_create(key_dates, batch_size=BATCH)
    members: list[NetworkMember] = []
    for reference, of_person in plan.members.items():
        for member in of_person:
            member.person = by_reference[reference].person
            member.created_by = by
            members.append(member)
    NetworkMember.objects.bulk_create(members, batch_size=BATCH)
    NetworkMember.history.bulk_history_create(
        members, default_user=by, default_change_reason=reason, batch_size=BATCH
    )
    return saved


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"
