from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from postcode_centres.loading import NotACentresFile, centres_load


class Command(BaseCommand):
    help = (
        "Loads the centre point of each postcode from a CSV file: the ONS Postcode Directory's "
        "(pcds, lat, long), or any with postcode, latitude and longitude columns. The Open "
        "Referral API's distance searches need them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options) -> None:
        for path in files:
            try:
                with path.open(newline="", encoding="utf-8-sig") as file:
                    report = centres_load(file)
            except (OSError, UnicodeDecodeError, NotACentresFile) as error:
                raise CommandError(f"{path}: {error}") from error
            for problem in report.problems:
                self.stderr.write(f"{path}: {problem}")
            self.stdout.write(
                f"{path}: {report.loaded} postcode centres loaded, {report.skipped} rows skipped"
            )
