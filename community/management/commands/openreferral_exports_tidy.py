"""Deletes Open Referral UK exports prepared in the background once they have waited long
enough to be downloaded."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from community.openreferral.tasks import directory_checks_tidy, directory_exports_tidy


class Command(BaseCommand):
    help = (
        "Deletes the files of Open Referral UK exports whose jobs ended more than "
        "OPEN_REFERRAL_EXPORT_DAYS days ago, and clears those jobs' result; and the files "
        "checks of Open Referral UK data kept for importing, as long after."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Instead of OPEN_REFERRAL_EXPORT_DAYS"
        )

    def handle(self, *args, days, **options):
        days = days if days is not None else settings.OPEN_REFERRAL_EXPORT_DAYS
        older_than = datetime.timedelta(days=days)
        deleted = directory_exports_tidy(older_than=older_than)
        exports = "export" if deleted == 1 else "exports"
        said = f"Deleted {deleted} Open Referral UK {exports} older than {days} days"
        self.stdout.write(self.style.SUCCESS(said))
        checks = directory_checks_tidy(older_than=older_than)
        files = "check's files" if checks == 1 else "checks' files"
        self.stdout.write(self.style.SUCCESS(f"Deleted {checks} {files} kept for importing"))
