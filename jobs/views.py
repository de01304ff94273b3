from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .selectors import get_job_for_user


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    """A job's progress and, when it is done, where its result is; only for whoever started it.
    While it runs, a script fetches this page again and puts its status in place."""
    job = get_job_for_user(request.user, pk)
    result_url = ""
    if job.status == job.Status.DONE and job.result_page:
        result_url = reverse(job.result_page, args=[job.pk])
    return render(request, "jobs/job.html", {"job": job, "result_url": result_url})
