"""Reads again, as jobs, the Open Referral UK feeds that administrators asked to be read every
day (the worker's scheduler runs this daily)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from community.models import Feed
from community.openreferral.tasks import directory_feed_start


class Command(BaseCommand):
    help = "Starts a job to import each Open Referral UK feed marked to be read every day."

    def handle(self, *args, **options):
        feeds = list(Feed.objects.filter(refresh_daily=True).select_related("added_by"))
        for feed in feeds:
            directory_feed_start(url=feed.url, by=feed.added_by)
            feed.last_read_at = timezone.now()
            feed.save(update_fields=["last_read_at"])
        said = f"Started reading {len(feeds)} feed{'' if len(feeds) == 1 else 's'}"
        self.stdout.write(self.style.SUCCESS(said))
