from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import practitioners_led_by
from accounts.models import User
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted

from .forms import SupervisionNoteForm
from .models import SupervisionNote
from .services import supervision_note_add


def get_note_for_user(request: AuthenticatedHttpRequest, code: UUID) -> SupervisionNote:
    """The note with `code` if the signed-in user wrote it or it is about them; 404 otherwise."""
    notes = SupervisionNote.objects.visible_to(request.user).select_related("lead", "practitioner")
    return get_object_or_404(notes, code=code)


def get_supervised(request: AuthenticatedHttpRequest, pk: int) -> User:
    """A practitioner the signed-in lead supervises; 404 for anyone else, and for non-leads."""
    return get_object_or_404(practitioners_led_by(request.user), pk=pk)


@login_required
@require_GET
def supervision_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Notes of supervision the user has had and, for a lead, the practitioners they supervise."""
    if not (request.user.works_with_people or request.user.reviews_records):
        raise PermissionDenied
    mine = Q(supervision_received__lead=request.user)
    # Counted over the users alone: the teams and roles that choose them would repeat rows.
    supervised = User.objects.filter(pk__in=practitioners_led_by(request.user).values("pk"))
    supervised = supervised.annotate(
        notes=Count("supervision_received", filter=mine),
        latest=Max("supervision_received__date", filter=mine),
    )
    received = SupervisionNote.objects.filter(practitioner=request.user).select_related("lead")
    context = {"supervised": supervised.order_by("full_name"), "received": received[:100]}
    return render(request, "supervision/home.html", context)


@login_required
@require_GET
def practitioner_notes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practitioner = get_supervised(request, pk)
    notes = SupervisionNote.objects.filter(lead=request.user, practitioner=practitioner)
    context = {"practitioner": practitioner, "notes": notes[:100]}
    return render(request, "supervision/practitioner.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practitioner = get_supervised(request, pk)
    form = SupervisionNoteForm(form_data(request), initial={"date": timezone.localdate()})
    if submitted(request, form):
        supervision_note_add(note=form.instance, practitioner=practitioner, by=request.user)
        messages.success(request, f"The note of supervision with {practitioner} has been saved")
        return redirect("supervision:practitioner", pk=practitioner.pk)
    context = {
        "form": form,
        "practitioner": practitioner,
        "title": "Add a note of supervision",
        "caption": str(practitioner),
    }
    return render(request, "supervision/form.html", context)


@login_required
@require_GET
def note_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    note = get_note_for_user(request, code)
    return render(request, "supervision/detail.html", {"note": note})
