from django.core.management.base import BaseCommand

from jobs.schedule import schedule_run


class Command(BaseCommand):
    help = (
        "One round of the scheduler: the recovery sweep, and a job for each periodic command "
        "that is due. For cron or a systemd timer, every minute, when workers run with "
        "`run_worker --no-schedule`; harmless beside a worker that schedules too."
    )

    def handle(self, **options):
        for name in schedule_run():
            self.stdout.write(f"Started {name}")
