"""Anonymises closed records past their retention (by kind, from the last contact; never one
on legal hold), and supervision notes older than theirs."""

from django.conf import settings
from django.core.management.base import BaseCommand

from personal_data.retention import (
    Kept,
    due_for_anonymising,
    person_anonymise,
    supervision_due_for_anonymising,
    supervision_note_anonymise,
)


class Command(BaseCommand):
    help = (
        "Removes what identifies people whose closed records are past their retention: a case "
        "record RECORD_RETENTION_YEARS after the last contact, a first contact that went no "
        "further FIRST_CONTACT_RETENTION_YEARS after it; never a record on legal hold. Dates, "
        "stages and outcomes stay for the measures. And the words of supervision notes older "
        "than SUPERVISION_RETENTION_YEARS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them; change nothing")
        parser.add_argument(
            "--years", type=int, default=None, help="Instead of RECORD_RETENTION_YEARS"
        )
        parser.add_argument(
            "--first-contact-years",
            type=int,
            default=None,
            help="Instead of FIRST_CONTACT_RETENTION_YEARS",
        )
        parser.add_argument(
            "--supervision-years",
            type=int,
            default=None,
            help="Instead of SUPERVISION_RETENTION_YEARS",
        )

    def handle(
        self, *args, dry_run: bool, years, first_contact_years, supervision_years, **options
    ):
        years = years if years is not None else settings.RECORD_RETENTION_YEARS
        if first_contact_years is None:
            first_contact_years = settings.FIRST_CONTACT_RETENTION_YEARS
        due = list(due_for_anonymising(years=years, first_contact_years=first_contact_years))
        for person in due:
            last = f"{person.last_contact:%-d %B %Y}"
            kind = Kept(person.kept_as).label.lower()
            self.stdout.write(f"{person.code}  {kind}, last contact {last}  {person.team}")
            if not dry_run:
                person_anonymise(person=person)
        self.report(
            dry_run,
            len(due),
            "record",
            f"past retention (case records {years} years after the last contact, first "
            f"contacts {first_contact_years})",
        )

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
