from uuid import UUID

from django.shortcuts import get_object_or_404

from .models import Job


def get_job_for_user(user, pk: UUID) -> Job:
    """The job with `pk` if `user` started it; 404 for anyone else (a scheduled job has no
    page: no one started it)."""
    return get_object_or_404(Job, pk=pk, by=user, by__isnull=False)
