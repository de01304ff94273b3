from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from community.models import connections_on
from community.views import get_connection_for_user
from govuk.pagination import paginator_counted
from people.models import Person
from people.views import get_person_for_user

from .ecomap import ecomap_for
from .forms import (
    CarerOfferForm,
    EndMemberForm,
    NetworkCompareForm,
    NetworkDateForm,
    NetworkMemberForm,
    ReciprocityNoteForm,
)
from .models import NetworkMember, ReciprocityNote, closest_first
from .selectors import network_as_of, network_compared
from .services import network_member_add, network_member_update, reciprocity_note_add

MEMBERS_PER_PAGE = 50
NOTES_PER_PAGE = 50
# The ecomap draws at most this many people: more would not be legible, however drawn.
ECOMAP_MOST_PEOPLE = 40
# Those who left, and notes, shown on the network page; each has its own page for all.
LATEST = 10
# Each kind of change a comparison lists shows at most this many: the rest are counted.
LISTED = 50


def get_member_for_user(request: AuthenticatedHttpRequest, code: UUID) -> NetworkMember:
    members = NetworkMember.objects.visible_to(request.user).select_related("person__team")
    member = get_object_or_404(members, code=code)
    record_view(request, member.person)
    return member


@login_required
@require_GET
def network(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The person's network: the ecomap of their closest ties, who is in it a page at a
    time, and the latest of those who left and of the notes."""
    person = get_person_for_user(request, code)
    date_form = NetworkDateForm(request.GET or None)
    on = date_form.cleaned_data["on"] if date_form.is_valid() else None
    members = person.network_members.all()
    measures = members.measures(first_contact=person.first_contact_date)
    active = network_as_of(person, on) if on else members.filter(ended_on__isnull=True)
    # Those in the network now are counted already, with its measures.
    paginator = paginator_counted(active, MEMBERS_PER_PAGE, None if on else measures["size"])
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    # Fetched apart, for members as they were: a version carries no related record.
    prefetch_related_objects(shown, "linked_person")
    if on:
        connections = connections_on(person, on)
    else:
        connections = list(person.connections.current().select_related("resource"))
    drawn = list(closest_first(active)[:ECOMAP_MOST_PEOPLE])
    ended = members.filter(ended_on__isnull=False).order_by("-ended_on", "-pk")
    ended_count = 0 if on else measures["ended"]
    # The table links those who are also people the service works with to their records.
    record_views(request, (m.linked_person for m in shown if m.linked_person))
    context = {
        "person": person,
        "date_form": date_form,
        "on": on,
        "page": page,
        "members": shown,
        "connections": connections,
        "ecomap": ecomap_for(drawn, connections, people=page.paginator.count),
        "ended": list(ended[:LATEST]) if ended_count else [],
        "ended_count": ended_count,
        "notes": ReciprocityNote.objects.latest_about_person(person, LATEST),
        "notes_count": ReciprocityNote.objects.count_about_person(person),
        "measures": measures,
    }
    return render(request, "networks/network.html", context)


@login_required
@require_GET
def compare(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The network on two dates side by side: who joined, who left, which ties grew
    stronger or weaker, and where support flowed both ways."""
    person = get_person_for_user(request, code)
    form = NetworkCompareForm(request.GET or None, person=person)
    dates = form.dates()
    comparison = network_compared(person, *dates, drawn=ECOMAP_MOST_PEOPLE) if dates else None
    context = {"person": person, "form": form, "comparison": comparison, "listed": LISTED}
    if comparison:
        days = [comparison.first, comparison.second]
        # Each day's network beside its ecomap, whose parts' ids say which day it is.
        context["days"] = [
            (
                on,
                f"ecomap-{which}",
                ecomap_for(on.closest, on.connections, people=len(on.members), marks=marks),
            )
            for which, on, marks in zip(["first", "second"], days, comparison.marks(), strict=True)
        ]
    return render(request, "networks/compare.html", context)


@login_required
@require_GET
def ended(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Everyone who was part of the network and no longer is, the latest to leave first."""
    person = get_person_for_user(request, code)
    members = person.network_members.filter(ended_on__isnull=False).order_by("-ended_on", "-pk")
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "networks/ended.html", {"person": person, "page": page})


@login_required
@require_GET
def notes(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Every reciprocity note on the person's network and connections, newest first."""
    person = get_person_for_user(request, code)
    found = ReciprocityNote.objects.about_person(person)
    page = Paginator(found, NOTES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "networks/notes.html", {"person": person, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = NetworkMemberForm(
        form_data(request), person=person, initial={"started_on": timezone.localdate()}
    )
    if submitted(request, form):
        member = network_member_add(member=form.instance, person=person, by=request.user)
        messages.success(request, f"{member.name} has been added to the network")
        return redirect("networks:network", code=person.code)
    # The choice of "someone the team works with" names everyone in it.
    record_views(request, form.people_offered())
    context = {"form": form, "person": person, "title": "Add someone to the network"}
    return render(request, "networks/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    member = get_member_for_user(request, code)
    form = NetworkMemberForm(form_data(request), instance=member, person=member.person)
    if submitted(request, form):
        network_member_update(member=form.instance, by=request.user)
        messages.success(request, f"{member.name}'s details have been saved")
        return redirect("networks:network", code=member.person.code)
    record_views(request, form.people_offered())
    context = {"form": form, "person": member.person, "title": f"Change {member.name}'s details"}
    return render(request, "networks/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_carer_offer(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Offering an unpaid carer a conversation of their own, and what they said."""
    member = get_member_for_user(request, code)
    form = CarerOfferForm(form_data(request), instance=member)
    if submitted(request, form):
        network_member_update(member=form.instance, by=request.user)
        messages.success(request, f"The offer to {member.name} has been saved")
        return redirect("networks:network", code=member.person.code)
    context = {
        "form": form,
        "person": member.person,
        "member": member,
        "title": f"Offer {member.name} a carer\u2019s conversation",
    }
    return render(request, "networks/carer_offer.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    member = get_member_for_user(request, code)
    form = EndMemberForm(form_data(request), member=member)
    if submitted(request, form):
        member.end(
            on=form.cleaned_data["ended_on"], reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(request, f"{member.name} is no longer shown as part of the network")
        return redirect("networks:network", code=member.person.code)
    context = {
        "form": form,
        "person": member.person,
        "title": f"End the relationship with {member.name}",
    }
    return render(request, "networks/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    member = get_member_for_user(request, code)
    return _add_note(request, person=member.person, about=member.name, member=member)


@login_required
@require_http_methods(["GET", "POST"])
def connection_note_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    connection = get_connection_for_user(request, code)
    about = connection.resource.name
    return _add_note(request, person=connection.person, about=about, connection=connection)


def _add_note(
    request: AuthenticatedHttpRequest, *, person: Person, about: str, **tie
) -> HttpResponse:
    """A reciprocity note on one tie: `member=` someone in the network, or `connection=`."""
    form = ReciprocityNoteForm(form_data(request), initial={"date": timezone.localdate()})
    if submitted(request, form):
        reciprocity_note_add(note=form.instance, by=request.user, **tie)
        messages.success(request, "The note has been added")
        return redirect("networks:network", code=person.code)
    context = {"form": form, "person": person, "title": f"Add a note about {about}"}
    return render(request, "networks/form.html", context)
