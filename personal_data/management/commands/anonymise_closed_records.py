"""Anonymises the records of people closed more than the retention period ago."""

from django.conf import settings
from django.core.management.base import BaseCommand

from personal_data.retention import due_for_anonymising, person_anonymise


class Command(BaseCommand):
    help = (
        "Removes what identifies people whose records were closed more than "
        "RECORD_RETENTION_YEARS ago, keeping dates, stages and outcomes for the measures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them; change nothing")
        parser.add_argument(
            "--years", type=int, default=None, help="Instead of RECORD_RETENTION_YEARS"
        )

    def handle(self, *args, dry_run: bool, years: int | None, **options):
        years = years if years is not None else settings.RECORD_RETENTION_YEARS
        due = list(due_for_anonymising(years=years))
        for person in due:
            closed = f"{person.status_changed_on:%-d %B %Y}"
            self.stdout.write(f"{person.code}  closed {closed}  {person.team}")
            if not dry_run:
                person_anonymise(person=person)
        verb = "Would anonymise" if dry_run else "Anonymised"
        noun = "record" if len(due) == 1 else "records"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {len(due)} {noun} closed more than {years} years ago")
        )
