"""Writes a quarter's Client Level Data return as CSV, and says what keeps records out of it.

    manage.py client_level_data --quarter 2026-27-Q2 --output return.csv
    manage.py client_level_data --start 2026-07-01 --output return.csv

Without a quarter, the last complete one. The file names the people in it: keep it where
personal data may be kept.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from client_level_data.files import write_return
from client_level_data.quarters import Quarter, last_complete
from client_level_data.selectors import client_level_return


class Command(BaseCommand):
    help = "Writes a quarter's Client Level Data return as CSV, with what keeps records out."

    def add_arguments(self, parser):
        chosen = parser.add_mutually_exclusive_group()
        chosen.add_argument("--quarter", help="The quarter, such as 2026-27-Q2")
        chosen.add_argument("--start", help="Any day of the quarter, such as 2026-07-01")
        parser.add_argument("--output", required=True, help="Where to write the CSV")

    def handle(self, *args, quarter=None, start=None, output, **options):
        chosen = self.quarter(quarter, start)
        built = client_level_return(chosen, la_code=settings.CLIENT_LEVEL_DATA_LA_CODE)
        with open(output, "w", newline="", encoding="utf-8") as file:
            write_return(file, built.rows)
        self.stdout.write(f"Client Level Data return for {chosen}: {len(built.rows)} rows")
        for event_type, count in built.counts.items():
            self.stdout.write(f"  {event_type}: {count}")
        if not settings.CLIENT_LEVEL_DATA_LA_CODE:
            self.stdout.write("LA_Code is blank: set CLIENT_LEVEL_DATA_LA_CODE.")
        for heading, problems in [
            ("Cannot be returned yet", built.blocking),
            ("Worth checking", built.notes),
        ]:
            if problems:
                self.stdout.write(f"{heading} ({len(problems)}):")
            for problem in problems:
                record = f", conversation {problem.record}" if problem.record else ""
                self.stdout.write(
                    f"  {problem.person.team}, record {problem.person.code}{record}: {problem.what}"
                )

    def quarter(self, name: str | None, start: str | None) -> Quarter:
        try:
            if name:
                return Quarter.named(name)
            if start:
                return Quarter.of(datetime.date.fromisoformat(start))
        except ValueError as error:
            raise CommandError(str(error)) from None
        return last_complete(timezone.localdate())
