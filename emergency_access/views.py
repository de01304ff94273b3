"""Emergency access: a reason first, then an exact search, then opening the record for a
while. What is searched with is sent by POST only, never kept (not in the session, the
database, the access log or a URL) and hidden from error reports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted, typing_never_kept
from audit.log import record_view, record_views

from .forms import ReasonForm, SearchForm
from .selectors import emergency_accesses_seen_by, people_found, people_outside_teams_of
from .services import emergency_access_grant

# In the session, while a user goes through the steps: the reason given, then whom the
# search found (their id: never what was searched with).
STEPS = "emergency_access"
ACCESSES_PER_PAGE = 50
works_with_people = permission_required("accounts.work_with_people", raise_exception=True)


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
    if request.method == "POST":
        access = emergency_access_grant(person=person, reason=steps["reason"], by=request.user)
        del request.session[STEPS]
        until = timezone.localtime(access.expires_at)
        messages.success(
            request, f"{person.display_name}'s record is open to you until {until:%H:%M}"
        )
        return redirect("overview:person", code=person.code)
    context = {
        "person": person,
        "reason": steps["reason"],
        "minutes": settings.EMERGENCY_ACCESS_MINUTES,
    }
    return render(request, "emergency_access/confirm.html", context)


@login_required
@require_GET
def accesses(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every emergency access to the people of the teams a lead leads, or, for information
    governance, to anyone: who, whose record, why and until when. Newest first."""
    if not (request.user.governs_information or request.user.reviews_records):
        raise PermissionDenied
    rows = emergency_accesses_seen_by(request.user)
    page = Paginator(rows, ACCESSES_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, [access.person for access in page.object_list])
    context = {"page": page, "minutes": settings.EMERGENCY_ACCESS_MINUTES}
    return render(request, "emergency_access/accesses.html", context)
