"""Anonymises the records of people closed more than the retention period ago, and
supervision notes older than theirs."""

from django.conf import settings
from django.core.management.base import BaseCommand

from personal_data.retention import (
    due_for_anonymising,
    person_anonymise,
    supervision_due_for_anonymising,
    supervision_note_anonymise,
)


class Command(BaseCommand):
    help = (
        "Removes what identifies people whose records were closed more than "
        "RECORD_RETENTION_YEARS ago, keeping dates, stages and outcomes for the measures; "
        "and the words of supervision notes older than SUPERVISION_RETENTION_YEARS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them; change nothing")
        parser.add_argument(
            "--years", type=int, default=None, help="Instead of RECORD_RETENTION_YEARS"
        )
        parser.add_argument(
            "--supervision-years",
            type=int,
            default=None,
            help="Instead of SUPERVISION_RETENTION_YEARS",
        )

    def handle(self, *args, dry_run: bool, years, supervision_years, **options):
        years = years if years is not None else settings.RECORD_RETENTION_YEARS
        due = list(due_for_anonymising(years=years))
        for person in due:
            closed = f"{person.status_changed_on:%-d %B %Y}"
            self.stdout.write(f"{person.code}  closed {closed}  {person.team}")
            if not dry_run:
                person_anonymise(person=person)
        self.report(dry_run, len(due), "record", f"closed more than {years} years ago")

        if supervision_years is None:
            supervision_years = settings.SUPERVISION_RETENTION_YEARS
        notes = list(supervision_due_for_anonymising(years=supervision_years))
        for note in notes:
            self.stdout.write(f"{note.code}  supervision of {note.date:%-d %B %Y}")
            if not dry_run:
                supervision_note_anonymise(note=note)
        self.report(
            dry_run, len(notes), "supervision note", f"older than {supervision_years} years"
        )

    def report(self, dry_run: bool, count: int, noun: str, which: str) -> None:
        verb = "Would anonymise" if dry_run else "Anonymised"
        nouns = noun if count == 1 else f"{noun}s"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} {nouns} {which}"))
