from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.sessions import form_data, submitted
from audit.log import record_view
from community.models import Connection, connections_on
from people.models import Person
from people.views import get_person_for_user

from .ecomap import ecomap_for
from .forms import EndMemberForm, NetworkDateForm, NetworkMemberForm, ReciprocityNoteForm
from .models import NetworkMember, ReciprocityNote


def get_member_for_user(request: HttpRequest, code: UUID) -> NetworkMember:
    members = NetworkMember.objects.visible_to(request.user).select_related("person__team")
    member = get_object_or_404(members, code=code)
    record_view(request, member.person)
    return member


@login_required
@require_GET
def network(request: HttpRequest, code: UUID) -> HttpResponse:
    """The person's network as a table, with its notes as a timeline."""
    person = get_person_for_user(request, code)
    date_form = NetworkDateForm(request.GET or None)
    on = date_form.cleaned_data["on"] if date_form.is_valid() else None
    members = person.network_members.select_related("linked_person")
    active = list(members.active_on(on) if on else members.filter(ended_on__isnull=True))
    if on:
        connections = connections_on(person, on)
    else:
        connections = list(person.connections.current().select_related("resource"))
    context = {
        "person": person,
        "date_form": date_form,
        "on": on,
        "active": active,
        "connections": connections,
        "ecomap": ecomap_for(active, connections),
        "ended": [] if on else members.filter(ended_on__isnull=False),
        "notes": ReciprocityNote.objects.about_person(person),
        "measures": members.measures(first_contact=person.first_contact_date),
    }
    return render(request, "networks/network.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = NetworkMemberForm(
        form_data(request), person=person, initial={"started_on": timezone.localdate()}
    )
    if submitted(request, form):
        member = form.save(commit=False)
        member.person = person
        member.created_by = request.user
        member.save_by(request.user)
        messages.success(request, f"{member.name} has been added to the network")
        return redirect("networks:network", code=person.code)
    context = {"form": form, "person": person, "title": "Add someone to the network"}
    return render(request, "networks/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, code: UUID) -> HttpResponse:
    member = get_member_for_user(request, code)
    form = NetworkMemberForm(form_data(request), instance=member, person=member.person)
    if submitted(request, form):
        form.instance.save_by(request.user)
        messages.success(request, f"{member.name}'s details have been saved")
        return redirect("networks:network", code=member.person.code)
    context = {"form": form, "person": member.person, "title": f"Change {member.name}'s details"}
    return render(request, "networks/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request: HttpRequest, code: UUID) -> HttpResponse:
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
def note_add(request: HttpRequest, code: UUID) -> HttpResponse:
    member = get_member_for_user(request, code)
    return _add_note(request, person=member.person, about=member.name, member=member)


@login_required
@require_http_methods(["GET", "POST"])
def connection_note_add(request: HttpRequest, code: UUID) -> HttpResponse:
    connections = Connection.objects.visible_to(request.user).select_related("person", "resource")
    connection = get_object_or_404(connections, code=code)
    record_view(request, connection.person)
    about = connection.resource.name
    return _add_note(request, person=connection.person, about=about, connection=connection)


def _add_note(request: HttpRequest, *, person: Person, about: str, **tie) -> HttpResponse:
    """A reciprocity note on one tie: `member=` someone in the network, or `connection=`."""
    form = ReciprocityNoteForm(form_data(request), initial={"date": timezone.localdate()})
    if submitted(request, form):
        note = form.save(commit=False)
        for name, value in tie.items():
            setattr(note, name, value)
        note.author = request.user
        note.save_by(request.user)
        messages.success(request, "The note has been added")
        return redirect("networks:network", code=person.code)
    context = {"form": form, "person": person, "title": f"Add a note about {about}"}
    return render(request, "networks/form.html", context)
