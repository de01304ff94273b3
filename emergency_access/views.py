"""Emergency access: a reason first, then an exact search, then opening the record for a
while. What is searched with is sent by POST only, never kept (not in the session, the
database, the access log or a URL) and hidden from error reports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import governance_scope
from accounts.permissions import works_with_people
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted, typing_never_kept
from audit.log import record_view, record_views
from govuk.times import time_in_words

from .forms import ReasonForm, SearchForm
from .selectors import (
    emergency_accesses_seen_by,
    needs_approval,
    people_found,
    people_outside_teams_of,
    requests_of,
    waiting_for_approval,
)
from .services import emergency_access_decide, emergency_access_grant

# In the session, while a user goes through the steps: the reason given, then whom the
# search found (their id: never what was searched with).
STEPS = "emergency_access"
ACCESSES_PER_PAGE = 50


@login_required
@works_with_people
@require_http_methods(["GET", "POST"])
def reason(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 1: why the record is needed, before any search."""
    given = request.session.get(STEPS, {}).get("reason", "")
    form = ReasonForm(form_data(request), initial={"reason": given})
    if submitted(request, form):
        request.session[STEPS] = {"reason": form.cleaned_data["reason"]}
        return redirect("emergency_access:search")
    context = {
        "form": form,
        "title": "Emergency access",
        "caption": "Step 1 of 3",
        "minutes": settings.EMERGENCY_ACCESS_MINUTES,
    }
    return render(request, "emergency_access/reason.html", context)


@typing_never_kept
@sensitive_post_parameters()
@login_required
@works_with_people
@require_http_methods(["GET", "POST"])
@sensitive_variables()
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 2: the person, by exact NHS number or exact name and date of birth, among those
    outside the user's teams. Bound to what was sent now only: never to kept typing."""
    steps = request.session.get(STEPS, {})
    if not steps.get("reason"):
        return redirect("emergency_access:reason")
    form = SearchForm(request.POST if request.method == "POST" else None)
    found = None
    if submitted(request, form):
        found = people_found(request.user, **form.identifiers())
        if len(found) == 1:
            request.session[STEPS] = {"reason": steps["reason"], "person": found[0].pk}
            return redirect("emergency_access:confirm")
    context = {
        "form": form,
        "found": found,
        "title": "Find their record",
        "caption": "Emergency access, step 2 of 3",
    }
    return render(request, "emergency_access/search.html", context)


@login_required
@works_with_people
@require_http_methods(["GET", "POST"])
def confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 3: who was found; opening their record gives access for EMERGENCY_ACCESS_MINUTES,
    and each page of this step is in their access log with the reason."""
    steps = request.session.get(STEPS, {})
    if not steps.get("reason"):
        return redirect("emergency_access:reason")
    if not steps.get("person"):
        return redirect("emergency_access:search")
    person = get_object_or_404(people_outside_teams_of(request.user), pk=steps["person"])
    record_view(request, person, reason=f"Emergency access: {steps['reason']}")
    restricted = needs_approval(person)
    if request.method == "POST":
        access = emergency_access_grant(
            person=person, reason=steps["reason"], needs_approval=restricted, by=request.user
        )
        del request.session[STEPS]
        if restricted:
            messages.success(
                request,
                f"Information governance has been asked to approve your access to "
                f"{person.display_name}'s record",
            )
            return redirect("emergency_access:requests")
        until = timezone.localtime(access.expires_at)
        messages.success(
            request, f"{person.display_name}'s record is open to you until {time_in_words(until)}"
        )
        return redirect("overview:person", code=person.code)
    context = {
        "person": person,
        "reason": steps["reason"],
        "minutes": settings.EMERGENCY_ACCESS_MINUTES,
        "restricted": restricted,
    }
    return render(request, "emergency_access/confirm.html", context)


@login_required
@works_with_people
@require_GET
def requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own emergency accesses to restricted records: waiting, approved (open
    until a time) or refused. Only an approved one that lasts links to the record."""
    page = Paginator(requests_of(request.user), ACCESSES_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, [access.person for access in page.object_list])
    context = {"page": page, "now": timezone.now(), "minutes": settings.EMERGENCY_ACCESS_MINUTES}
    return render(request, "emergency_access/requests.html", context)


@login_required
@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Information governance approves or refuses an emergency access to a restricted
    record that waits for it."""
    access = get_object_or_404(waiting_for_approval().filter(governance_scope(request.user)), pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        messages.error(request, "Choose whether to approve or refuse the access")
        return redirect("emergency_access:accesses")
    emergency_access_decide(access=access, approve=decision == "approve", by=request.user)
    record_view(request, access.person, reason=f"Emergency access {decision}d")
    done = "approved" if decision == "approve" else "refused"
    messages.success(
        request, f"{access.user}'s access to {access.person.display_name}'s record is {done}"
    )
    return redirect("emergency_access:accesses")


@login_required
@require_GET
def accesses(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every emergency access to the people of the teams a lead leads, or, for information
    governance, to anyone: who, whose record, why and until when. Newest first."""
    if not (request.user.governs_information or request.user.reviews_records):
        raise PermissionDenied
    rows = emergency_accesses_seen_by(request.user)
    page = Paginator(rows, ACCESSES_PER_PAGE).get_page(request.GET.get("page"))
    waiting = list(waiting_for_approval()) if request.user.governs_information else []
    record_views(request, [access.person for access in [*waiting, *page.object_list]])
    context = {"page": page, "waiting": waiting, "minutes": settings.EMERGENCY_ACCESS_MINUTES}
    return render(request, "emergency_access/accesses.html", context)
