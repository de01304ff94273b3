from django.core.management.base import BaseCommand

from jobs.services import jobs_recover


class Command(BaseCommand):
    help = (
        "Runs again each job whose worker died (its lease ran out), up to JOBS_MAX_ATTEMPTS "
        "runs, and sends again any job that never reached the queue. The scheduler runs this "
        "every minute."
    )

    def handle(self, **options):
        sent, failed = jobs_recover()
        self.stdout.write(f"{sent} sent again, {failed} failed")
