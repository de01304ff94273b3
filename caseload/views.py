import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from accounts.access import person_scope
from accounts.requests import AuthenticatedHttpRequest
from audit.log import record_views
from conversations.plans import reviews_due
from conversations.selectors import not_seen_since

from .forms import CaseloadForm
from .selectors import caseload, safeguarding_open, to_reallocate

PEOPLE_PER_PAGE = 25
# People with an open safeguarding concern, and with a review due, are listed, up to this many.
MOST_CONCERNS_SHOWN = 50
MOST_REVIEWS_SHOWN = 50
# People whose practitioner has left or moved team, listed for reallocation, up to this many.
MOST_TO_REALLOCATE_SHOWN = 50


class CountedPaginator(Paginator):
    """Pages of a list whose length was counted already, with the figures above it."""

    def __init__(self, object_list, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.counted = count

    @cached_property
    def count(self) -> int:
        return self.counted


@login_required
@permission_required("accounts.review_records", raise_exception=True)
@require_GET
def team_caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each practitioner's open people, drafts, returned records and overdue actions,
    and the people not seen for a chosen number of weeks, to reallocate from."""
    form = CaseloadForm(request.GET or None, user=request.user)
    teams, weeks = form.chosen()
    cutoff = timezone.localdate() - datetime.timedelta(weeks=weeks)
    # Only whom the lead may open is named: a restricted record that does not name them is
    # counted in the figures, never listed.
    user = request.user
    figures = caseload(teams, weeks=weeks, user=user)
    not_seen = (
        not_seen_since(teams, cutoff)
        .filter(person_scope(user))
        .select_related("practitioner", "team")
    )
    paginator = CountedPaginator(not_seen, PEOPLE_PER_PAGE, count=figures.not_seen_listed)
    page = paginator.get_page(request.GET.get("page"))
    concerns = list(
        safeguarding_open(teams)
        .filter(person_scope(user))
        .select_related("practitioner")[: MOST_CONCERNS_SHOWN + 1]
    )
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REVIEWS_DUE_DAYS_AHEAD)
    reviews = list(
        reviews_due(teams, by=horizon)
        .filter(person_scope(user))
        .select_related("practitioner")[: MOST_REVIEWS_SHOWN + 1]
    )
    reallocate = list(
        to_reallocate(teams)
        .filter(person_scope(user))
        .select_related("practitioner")[: MOST_TO_REALLOCATE_SHOWN + 1]
    )
    record_views(
        request,
        [
            *page.object_list,
            *concerns[:MOST_CONCERNS_SHOWN],
            *reviews[:MOST_REVIEWS_SHOWN],
            *reallocate[:MOST_TO_REALLOCATE_SHOWN],
        ],
    )
    context = {
        "form": form,
        "weeks": weeks,
        "loads": figures.loads,
        "page": page,
        "safeguarding_open": concerns[:MOST_CONCERNS_SHOWN],
        "more_safeguarding_open": len(concerns) > MOST_CONCERNS_SHOWN,
        "reviews": reviews[:MOST_REVIEWS_SHOWN],
        "more_reviews": len(reviews) > MOST_REVIEWS_SHOWN,
        "reviews_within_days": settings.REVIEWS_DUE_DAYS_AHEAD,
        "to_reallocate": reallocate[:MOST_TO_REALLOCATE_SHOWN],
        "more_to_reallocate": len(reallocate) > MOST_TO_REALLOCATE_SHOWN,
        "today": today,
    }
    return render(request, "caseload/caseload.html", context)
