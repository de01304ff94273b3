"""Restricted records, for information governance: restricting a person's record to named
staff, changing who they are, lifting it, and every opening of the record while restricted."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import governance_scope
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from people.models import Person

from .forms import LiftForm, RestrictionForm
from .selectors import openings_while_in_force, restriction_of, restrictions_listed
from .services import restriction_lift, restriction_place

PER_PAGE = 25
OPENINGS_SHOWN = 50


def get_person_governed(request: AuthenticatedHttpRequest, code: UUID) -> Person:
    """The person, if the signed-in user governs information (anyone's record); 404
    otherwise. The view is in the person's access log."""
    people = Person.objects.filter(governance_scope(request.user)).select_related("team")
    person = get_object_or_404(people, code=code)
    record_view(request, person)
    return person


@login_required
@require_GET
def restricted_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every restricted record, with who may open it and how often it has been opened."""
    if not request.user.governs_information:
        raise PermissionDenied
    page = Paginator(restrictions_listed(), PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, [restriction.person for restriction in page.object_list])
    return render(request, "restricted_records/list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def restriction(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Restricts the person's record, or changes who may open it; with every opening of it
    while restricted."""
    person = get_person_governed(request, code)
    current = restriction_of(person)
    initial = {"named_staff": [person.practitioner]} if person.practitioner else {}
    form = RestrictionForm(form_data(request), instance=current, initial=initial)
    if submitted(request, form):
        restriction_place(
            person=person,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            named_staff=form.cleaned_data["named_staff"],
            by=request.user,
        )
        done = "changed" if current else "restricted"
        messages.success(request, f"{person.display_name}'s record is {done}")
        return redirect("restricted_records:restriction", code=person.code)
    openings = list(openings_while_in_force(current)[:OPENINGS_SHOWN]) if current else []
    context = {"form": form, "person": person, "restriction": current, "openings": openings}
    return render(request, "restricted_records/restriction.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lift(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Lifts the restriction in force: the record is its team's again."""
    person = get_person_governed(request, code)
    current = restriction_of(person)
    if current is None:
        return redirect("restricted_records:restriction", code=person.code)
    form = LiftForm(form_data(request))
    if submitted(request, form):
        restriction_lift(restriction=current, because=form.cleaned_data["because"], by=request.user)
        messages.success(request, f"The restriction on {person.display_name}'s record is lifted")
        return redirect("restricted_records:list")
    context = {"form": form, "person": person, "title": "Lift the restriction"}
    return render(request, "restricted_records/lift.html", context)
