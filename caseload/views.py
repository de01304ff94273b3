import datetime

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.requests import AuthenticatedHttpRequest
from audit.log import record_views

from .forms import CaseloadForm
from .selectors import caseload, not_seen_since

PEOPLE_PER_PAGE = 25


@login_required
@permission_required("accounts.review_records", raise_exception=True)
@require_GET
def team_caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each practitioner's open people, drafts, returned records and overdue actions,
    and the people not seen for a chosen number of weeks, to reallocate from."""
    form = CaseloadForm(request.GET or None, user=request.user)
    teams, weeks = form.chosen()
    cutoff = timezone.localdate() - datetime.timedelta(weeks=weeks)
    not_seen = not_seen_since(teams, cutoff).select_related("practitioner", "team")
    page = Paginator(not_seen, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, page.object_list)
    context = {"form": form, "weeks": weeks, "loads": caseload(teams, weeks=weeks), "page": page}
    return render(request, "caseload/caseload.html", context)
