"""The quarterly Client Level Data return, for information governance: choose a quarter, see
its counts and what keeps records out of it, and download the file."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.requests import AuthenticatedHttpRequest
from audit.log import record_views

from .files import write_return
from .forms import QuarterForm
from .quarters import Quarter, last_complete
from .selectors import client_level_return
from .specification import NOT_HELD


def _today() -> datetime.date:
    return timezone.localdate()


def _governs_information(request: AuthenticatedHttpRequest) -> None:
    if not request.user.governs_information:
        raise PermissionDenied


def _page(request: AuthenticatedHttpRequest, form: QuarterForm, quarter: Quarter) -> HttpResponse:
    built = client_level_return(quarter, la_code=settings.CLIENT_LEVEL_DATA_LA_CODE)
    context = {
        "form": form,
        "quarter": quarter,
        "built": built,
        "not_held": NOT_HELD,
        "la_code": settings.CLIENT_LEVEL_DATA_LA_CODE,
    }
    return render(request, "client_level_data/return.html", context)


@login_required
@require_GET
def return_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The counts and messages read no one's details but their record's code and team: the
    access log is written when the file, which names them, is produced."""
    _governs_information(request)
    today = _today()
    form = QuarterForm(request.GET or None, today=today)
    quarter = form.chosen() if form.is_bound and form.is_valid() else last_complete(today)
    return _page(request, form, quarter)


@login_required
@require_POST
def download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The file for the quarter sent; each person in it is noted in their access log."""
    _governs_information(request)
    form = QuarterForm(request.POST, today=_today())
    if not form.is_valid():
        return _page(request, form, last_complete(_today()))
    quarter = form.chosen()
    built = client_level_return(quarter, la_code=settings.CLIENT_LEVEL_DATA_LA_CODE)
    record_views(request, built.people)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="client-level-data-{quarter.name}.csv"'
    write_return(response, built.rows)
    return response
