from dataclasses import replace

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import Team
from accounts.permissions import reviews_records
from accounts.requests import AuthenticatedHttpRequest
from kept.figures import kept_figures
from spreadsheets import cells

from .charts import bar_chart
from .forms import MeasuresForm
from .selectors import Measure, Period, service_measures

# Raised whenever what is kept changes shape (Measure's fields): while a release replaces
# another, the app servers of both share the cache, and neither may read the other's.
KEPT_VERSION = 3


def measures_key(teams: list[int], period: Period) -> str:
    """Where the measures of `teams` over `period` are kept: everything they count by. Today
    too, for the figures "as of today" (reviews overdue, concerns open)."""
    named = ",".join(str(pk) for pk in sorted(teams))
    today = timezone.localdate()
    return f"measures:v{KEPT_VERSION}:{named}:{period.start}:{period.end}:{today}"


def measured(period: Period) -> list[Measure]:
    """The measures of a period, kept for MEASURES_CACHE_SECONDS in the cache every app server
    shares (kept/figures.py): they sum years of records, and a few minutes' delay does not
    matter to them."""
    # The teams are read once, on the primary: the key names them and the figures count
    # them, even while the replica has not yet heard that a lead joined a team.
    teams = list(period.teams.values_list("pk", flat=True))
    period = replace(period, teams=Team.objects.filter(pk__in=teams))
    return kept_figures(
        measures_key(teams, period),
        seconds=settings.MEASURES_CACHE_SECONDS,
        work_out=lambda: service_measures(period),
    )


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
