import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import person_scope
from accounts.models import Team, User
from accounts.requests import AuthenticatedHttpRequest
from audit.log import record_views
from conversations.plans import reviews_due
from conversations.selectors import not_seen_since
from govuk.pagination import paginator_counted
from kept.figures import kept_figures

from .forms import CaseloadForm
from .selectors import Counted, caseload, counted, safeguarding_open, to_reallocate

PEOPLE_PER_PAGE = 25
# People with an open safeguarding concern, and with a review due, are listed, up to this many.
MOST_CONCERNS_SHOWN = 50
MOST_REVIEWS_SHOWN = 50
# People whose practitioner has left or moved team, listed for reallocation, up to this many.
MOST_TO_REALLOCATE_SHOWN = 50
# Raised whenever what is kept of the figures changes shape (Counted): see kept/figures.py.
KEPT_VERSION = 1


def figures_key(teams: list[int], weeks: int, user: User) -> str:
    """Where the figures are kept: everything they count by. The lead too, since how many of
    the people not seen they may open goes by their access; and today, for what is overdue."""
    named = ",".join(str(pk) for pk in sorted(teams))
    today = timezone.localdate()
    return f"caseload:v{KEPT_VERSION}:{user.pk}:{named}:{weeks}:{today}"


def who_holds_what(teams: list[int], *, weeks: int, user: User) -> Counted:
    """Who holds what, kept for CASELOAD_CACHE_SECONDS in the cache every app server shares
    (kept/figures.py): they count every open person, draft and action of the teams, the page's
    costliest queries. A lead back from reallocating someone may see the figures from before
    it for up to that long; the lists of people beneath them are always read afresh."""
    return kept_figures(
        figures_key(teams, weeks, user),
        seconds=settings.CASELOAD_CACHE_SECONDS,
        work_out=lambda: counted(Team.objects.filter(pk__in=teams), weeks=weeks, user=user),
    )


@login_required
@permission_required("accounts.review_records", raise_exception=True)
@require_GET
def team_caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each practitioner's open people, drafts, returned records and overdue actions,
    and the people not seen for a chosen number of weeks, to reallocate from."""
    form = CaseloadForm(request.GET or None, user=request.user)
    ids, weeks = form.chosen()
    teams = Team.objects.filter(pk__in=ids)
    cutoff = timezone.localdate() - datetime.timedelta(weeks=weeks)
    # Only whom the lead may open is named: a restricted record that does not name them is
    # counted in the figures, never listed.
    user = request.user
    scope = person_scope(user)  # built once: each list below is filtered by it
    figures = caseload(teams, who_holds_what(ids, weeks=weeks, user=user))
    not_seen = not_seen_since(teams, cutoff).filter(scope).select_related("practitioner", "team")
    # Counted already, with the figures above it.
    paginator = paginator_counted(not_seen, PEOPLE_PER_PAGE, figures.not_seen_listed)
    page = paginator.get_page(request.GET.get("page"))
    concerns = list(
        safeguarding_open(teams)
        .filter(scope)
        .select_related("practitioner")[: MOST_CONCERNS_SHOWN + 1]
    )
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.REVIEWS_DUE_DAYS_AHEAD)
    reviews = list(
        reviews_due(teams, by=horizon)
        .filter(scope)
        .select_related("practitioner")[: MOST_REVIEWS_SHOWN + 1]
    )
    reallocate = list(
        to_reallocate(teams)
        .filter(scope)
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
