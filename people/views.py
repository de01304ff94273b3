from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import teams_visible_to
from accounts.permissions import works_with_people
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views

from .forms import AllocationForm, PeopleFilterForm, PersonForm, StatusForm
from .models import Person
from .selectors import page_of, people_search, search_kind
from .services import person_save

PEOPLE_PER_PAGE = 25
# What the people list shows of each person (people/_people_table.html): Person is wide.
LISTED = [
    "code",
    "preferred_name",
    "given_names",
    "family_name",
    "status",
    "date_of_birth",
    "postcode",
    "first_contact_date",
    "team__name",
    "practitioner__full_name",
    "practitioner__email",
]


def get_person_for_user(request: AuthenticatedHttpRequest, code: UUID) -> Person:
    """The person with `code` if the signed-in user may see them; 404 otherwise."""
    people = Person.objects.visible_to(request.user).select_related("team", "practitioner")
    person = get_object_or_404(people, code=code)
    record_view(request, person)
    return person


@login_required
@works_with_people
@require_GET
def people_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET, user=request.user)
    filters = form.filters()
    visible = (
        Person.objects.visible_to(request.user).select_related("team", "practitioner").only(*LISTED)
    )
    people = people_search(visible, **filters)
    page = page_of(people, request.GET.get("page"), PEOPLE_PER_PAGE)
    record_views(request, page.object_list, search=search_kind(filters.get("q", "")))
    return render(request, "people/list.html", {"form": form, "page": page})


@login_required
@works_with_people
@require_http_methods(["GET", "POST"])
def person_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PersonForm(form_data(request), user=request.user, initial=_initial_for(request))
    duplicates = Person.objects.none()
    if submitted(request, form):
        duplicates = form.instance.likely_duplicates(Person.objects.visible_to(request.user))
        if not duplicates or request.POST.get("not_a_duplicate") == "yes":
            person = person_save(person=form.instance, by=request.user)
            messages.success(request, f"{person.display_name} has been added")
            return redirect("overview:person", code=person.code)
    shown = list(duplicates[:10])
    record_views(request, shown)
    context = {"form": form, "duplicates": shown, "title": "Add a person"}
    return render(request, "people/form.html", context)


def _initial_for(request: AuthenticatedHttpRequest) -> dict:
    teams = list(teams_visible_to(request.user)[:2])
    return {
        "team": teams[0] if len(teams) == 1 else None,
        "practitioner": request.user,
        "first_contact_date": timezone.localdate(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = PersonForm(form_data(request), instance=person, user=request.user)
    if submitted(request, form):
        person_save(person=form.instance, by=request.user)
        messages.success(request, f"{person.display_name}'s details have been saved")
        return redirect("overview:person", code=person.code)
    context = {"form": form, "person": person, "title": "Change their details"}
    return render(request, "people/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_allocate(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = AllocationForm(form_data(request), person=person)
    if submitted(request, form):
        person.allocate(form.cleaned_data["practitioner"], by=request.user)
        messages.success(request, f"{person.display_name} is allocated to {person.practitioner}")
        return redirect("overview:person", code=person.code)
    title = "Reallocate" if person.practitioner else "Allocate to a practitioner"
    return render(request, "people/action.html", {"form": form, "person": person, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def person_status(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Closes an open record or reopens a closed one, with the reason."""
    person = get_person_for_user(request, code)
    form = StatusForm(form_data(request), person=person)
    if submitted(request, form):
        if person.is_open:
            person.close(
                because=form.cleaned_data["because"],
                reason=form.cleaned_data["reason"],
                died_on=form.cleaned_data["died_on"],
                by=request.user,
            )
            messages.success(request, f"{person.display_name}'s record has been closed")
        else:
            person.reopen(reason=form.cleaned_data["reason"], by=request.user)
            messages.success(request, f"{person.display_name}'s record has been reopened")
        return redirect("overview:person", code=person.code)
    title = "Close the record" if person.is_open else "Reopen the record"
    return render(request, "people/action.html", {"form": form, "person": person, "title": title})
