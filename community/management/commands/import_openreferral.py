"""Checks Open Referral UK files and imports them: all of it, or nothing if anything is wrong."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from community.openreferral.importing import import_directory
from community.openreferral.reading import Upload

KINDS = {".json", ".csv", ".zip"}


class Command(BaseCommand):
    help = (
        "Imports Open Referral UK data: a JSON file of services, CSV files of the tabular form, "
        "a folder of them or a zip. Lists every problem and saves nothing if there is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders of CSV files")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing")
        parser.add_argument("--by", metavar="EMAIL", help="The administrator the history names")

    def handle(self, *args, paths: list[str], dry_run: bool, by: str | None, **options):
        user = None
        if by:
            user = User.objects.filter(email__iexact=by).first()
            if user is None:
                raise CommandError(f"No user has the email address {by}")
        report = import_directory(_uploads(paths), by=user, dry_run=dry_run)
        for problem in report.problems:
            where = ", ".join(
                part
                for part in [
                    problem.file,
                    f"row {problem.row}" if problem.row else "",
                    problem.field,
                ]
                if part
            )
            self.stderr.write(f"{where}: {problem.message}")
        for note in report.notes:
            self.stdout.write(note)
        if report.not_kept_by_field:
            self.stdout.write("Not kept (the directory has no place for these yet), by services:")
            for name, count in report.not_kept_by_field.items():
                self.stdout.write(f"  {name}: {count}")
        if not report.ok:
            count = len(report.problems)
            raise CommandError(f"{count} problem{'s' if count > 1 else ''}: nothing was saved")
        verb = "Checked (nothing saved)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {report.summary}"))


def _uploads(paths: list[str]) -> list[Upload]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in KINDS)
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{name} is not a file or a folder")
    return [Upload.on_disk(path.name, path) for path in files]
