import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.crypto import get_random_string

from jobs.schedule import schedule_run
from jobs.worker import tasks_run_queued


class Command(BaseCommand):
    help = (
        "Runs queued jobs one at a time and, between them, the scheduler: the recovery sweep "
        "every minute and the periodic jobs when due (jobs/schedule.py). Run one or several; "
        "each periodic job is started by one of them only. `make run` starts one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=2, help="Seconds to wait when nothing is queued"
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run queued jobs (cron or a systemd timer runs jobs_schedule instead)",
        )

    def handle(self, *, interval: float, no_schedule: bool, **options):
        worker_id = get_random_string(32)
        self.stdout.write(f"Worker {worker_id[:8]} waiting for jobs")
        while True:
            close_old_connections()
            if not no_schedule:
                for name in schedule_run():
                    self.stdout.write(f"Started {name}")
            tasks_run_queued(max_tasks=1, worker_id=worker_id)
            close_old_connections()
            time.sleep(interval)
