"""Checks an extract from the council's current system and imports it: all of it, or
nothing if anything is wrong."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from moving_in.checking import Upload
from moving_in.reading import MAX_BYTES, MAX_MB
from moving_in.services import people_import


class Command(BaseCommand):
    help = (
        "Imports people, their key dates and their network from CSV files laid out as the "
        "README says. Lists every problem (by file, line and column) and saves nothing if "
        "there is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", required=True, metavar="FILE", help="people.csv")
        parser.add_argument("--key-dates", metavar="FILE", help="key_dates.csv")
        parser.add_argument("--network", metavar="FILE", help="network.csv")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing")
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            help="The administrator the records' history names as importing them (needed "
            "to import; not to check)",
        )

    def handle(self, *args, people, key_dates, network, dry_run, by, **options):
        user = _administrator(by) if by else None
        if user is None and not dry_run:
            raise CommandError("Say who is importing, with --by and their email address")
        report = people_import(
            people=_upload(people),
            key_dates=_upload(key_dates) if key_dates else None,
            network=_upload(network) if network else None,
            by=user,
            dry_run=dry_run,
        )
        for problem in report.problems:
            self.stderr.write(str(problem))
        if not report.ok:
            count = len(report.problems)
            raise CommandError(f"{count} problem{'s' if count > 1 else ''}: nothing was saved")
        verb = "Checked (nothing saved)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {report.summary}"))
        for line in report.lines[1:]:
            self.stdout.write(line)


def _administrator(email: str) -> User:
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None or not user.manages_accounts:
        raise CommandError(f"No active administrator has the email address {email}")
    return user


def _upload(name: str) -> Upload:
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"{name} is not a file")
    if path.stat().st_size > MAX_BYTES:
        raise CommandError(f"{name} is larger than {MAX_MB} MB: split it, or ask for help")
    return Upload(path.name, path.read_bytes())
