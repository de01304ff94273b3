from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.requests import AuthenticatedHttpRequest
from spreadsheets import cells

from .charts import bar_chart
from .forms import MeasuresForm
from .selectors import Period, service_measures

reviews_records = permission_required("accounts.review_records", raise_exception=True)


def measured(period: Period) -> list:
    """The measures of a period, kept for MEASURES_CACHE_SECONDS: they sum years of records,
    and a few minutes' delay does not matter to them."""
    teams = ",".join(str(pk) for pk in period.teams.values_list("pk", flat=True))
    key = f"measures:{teams}:{period.start}:{period.end}"
    # What service_measures gave: with a default, the cache never answers None.
    measures = cache.get_or_set(
        key, lambda: service_measures(period), timeout=settings.MEASURES_CACHE_SECONDS
    )
    return cast(list, measures)


@login_required
@reviews_records
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The service measures of the lead's teams for a period: charts with their numbers."""
    form = MeasuresForm(request.GET or None, user=request.user)
    period = form.period()
    measures = measured(period) if period else []
    charts = [(measure, bar_chart(measure)) for measure in measures]
    context = {"form": form, "period": period, "charts": charts}
    return render(request, "measures/dashboard.html", context)


@login_required
@reviews_records
@require_GET
def measure_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """One measure's table as CSV, for the same period and team as the dashboard."""
    form = MeasuresForm(request.GET or None, user=request.user)
    period = form.period()
    if period is None:
        raise Http404
    measure = next((m for m in measured(period) if m.slug == slug), None)
    if measure is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{slug}-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Like every CSV people open, through spreadsheets: no cell may run as a formula.
    writer = cells.writer(response)
    writer.writerow(measure.columns)
    writer.writerows(measure.rows)
    return response
