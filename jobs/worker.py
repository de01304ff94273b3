"""Running the queued tasks in this process: django-tasks-db's worker, or RQ's with REDIS_URL."""

from django.conf import settings
from django.db.utils import OperationalError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception


def tasks_run_queued(*, max_tasks: int | None = None, worker_id: str = "in-process") -> int:
    """Runs the tasks waiting in the queue (at most `max_tasks`), then returns how many ran.
    Each is claimed and run as django-tasks-db's worker does (its `run_task`), but without its
    loop's closing of connections: `run_worker` does that between rounds, and the tests run
    this inside their own transaction."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        import django_rq

        rq_worker = django_rq.get_worker(*settings.RQ_QUEUES, job_class="django_tasks_rq.Job")
        return int(rq_worker.work(burst=True, max_jobs=max_tasks))
    worker = Worker(
        queue_names=list(backend.queues),
        interval=0,
        batch=True,
        backend_name=backend.alias,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ready = DBTaskResult.objects.ready().filter(
        backend_name=backend.alias, queue_name__in=backend.queues
    )
    ran = 0
    while max_tasks is None or ran < max_tasks:
        try:
            with exclusive_transaction(ready.db):
                task_result = ready.get_locked()
                if task_result is not None:
                    task_result.claim(worker_id)  # no other worker runs it now
        except OperationalError as error:
            if is_locked_database_exception(error):
                return ran  # another worker is claiming one: next round
            raise
        if task_result is None:
            return ran
        worker.run_task(task_result)
        ran += 1
    return ran
