from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import practitioners_led_by
from accounts.models import User
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from reflection.models import ReflectiveNote

from .forms import SupervisionNoteForm
from .models import SupervisionNote
from .services import supervision_note_add

SHARED_PER_PAGE = 25


def get_note_for_user(request: AuthenticatedHttpRequest, code: UUID) -> SupervisionNote:
    """The note with `code` if the signed-in user wrote it or it is about them; 404 otherwise.
    A note linked to a person is a view of their record."""
    notes = SupervisionNote.objects.visible_to(request.user).select_related(
        "lead", "practitioner", "person", "conversation"
    )
    note = get_object_or_404(notes, code=code)
    if note.person is not None:
        record_view(request, note.person)
    return note


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
    shared = ReflectiveNote.objects.visible_to(request.user).filter(author=OuterRef("pk"))
    supervised = supervised.annotate(
        notes=Count("supervision_received", filter=mine),
        latest=Max("supervision_received__date", filter=mine),
        shared=_count(shared),
    )
    received = SupervisionNote.objects.visible_to(request.user).filter(practitioner=request.user)
    received = received.select_related("lead")
    context = {"supervised": supervised.order_by("full_name"), "received": received[:100]}
    return render(request, "supervision/home.html", context)


@login_required
@require_GET
def practitioner_notes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The lead's notes of supervision with one practitioner, and the reflective notes the
    practitioner has shared with them."""
    practitioner = get_supervised(request, pk)
    written = SupervisionNote.objects.visible_to(request.user).filter(
        lead=request.user, practitioner=practitioner
    )
    notes = list(written.select_related("person", "conversation")[:100])
    shared = ReflectiveNote.objects.visible_to(request.user).filter(author=practitioner)
    shared = shared.select_related("person").order_by("-shared_at", "-pk")
    page = Paginator(shared, SHARED_PER_PAGE).get_page(request.GET.get("page"))
    about = [note.person for note in [*notes, *page.object_list] if note.person]
    record_views(request, about)
    context = {"practitioner": practitioner, "notes": notes, "page": page}
    return render(request, "supervision/practitioner.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practitioner = get_supervised(request, pk)
    form = SupervisionNoteForm(
        form_data(request),
        initial={"date": timezone.localdate()},
        practitioner=practitioner,
        lead=request.user,
    )
    if submitted(request, form):
        supervision_note_add(note=form.instance, practitioner=practitioner, by=request.user)
        messages.success(request, f"The note of supervision with {practitioner} has been saved")
        return redirect("supervision:practitioner", pk=practitioner.pk)
    # The choices of whom it was about name the practitioner's people.
    record_views(request, form.people_named())
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


def _count(rows) -> Coalesce:
    """How many `rows` there are, as a subquery: a second Count over another relation would
    multiply the first."""
    counted = rows.order_by().values("author").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted), 0)
