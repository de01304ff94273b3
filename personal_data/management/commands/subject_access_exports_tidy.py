"""Deletes subject access exports once they have waited long enough to be downloaded."""

from django.conf import settings
from django.core.management.base import BaseCommand

from personal_data.tasks import subject_access_exports_tidy


class Command(BaseCommand):
    help = (
        "Deletes the JSON files of subject access exports whose jobs ended more than "
        "SUBJECT_ACCESS_EXPORT_DAYS days ago (what they were asked for, too), and clears those "
        "jobs' result."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Instead of SUBJECT_ACCESS_EXPORT_DAYS"
        )

    def handle(self, *args, days, **options):
        days = days if days is not None else settings.SUBJECT_ACCESS_EXPORT_DAYS
        deleted = subject_access_exports_tidy(days=days)
        exports = "export" if deleted == 1 else "exports"
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} subject access {exports} older than {days} days")
        )
