from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import leads_of
from accounts.permissions import works_with_people
from accounts.requests import AuthenticatedHttpRequest, code_from
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from conversations.views import get_conversation_for_user
from people.views import get_person_for_user

from .forms import ReflectiveNoteForm, ShareForm
from .models import ReflectiveNote
from .services import reflective_note_add, reflective_note_share, reflective_note_update

NOTES_PER_PAGE = 25


def get_reflective_note_for_user(request: AuthenticatedHttpRequest, code: UUID) -> ReflectiveNote:
    """The note with `code` if the signed-in user wrote it, or leads its author's team and it
    was shared with them; 404 otherwise. A note about a person is a view of their record."""
    notes = ReflectiveNote.objects.visible_to(request.user).select_related(
        "author", "person", "conversation__person"
    )
    note = get_object_or_404(notes, code=code)
    if note.person is not None:
        record_view(request, note.person)
    return note


def get_own_note(request: AuthenticatedHttpRequest, code: UUID) -> ReflectiveNote:
    """A note the signed-in user may change: their own. A lead reads a shared one, never
    changes it."""
    note = get_reflective_note_for_user(request, code)
    if note.author_id != request.user.pk:
        raise PermissionDenied
    return note


@login_required
@works_with_people
@require_GET
def note_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's own reflective notes, newest first."""
    notes = ReflectiveNote.objects.visible_to(request.user).filter(author=request.user)
    notes = notes.select_related("person", "conversation")
    page = Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, (note.person for note in page.object_list if note.person))
    return render(request, "reflection/list.html", {"page": page})


@login_required
@works_with_people
@require_http_methods(["GET", "POST"])
def note_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new note; `?person=` or `?conversation=` (a code) says whom it starts being about."""
    initial: dict = {"date": timezone.localdate()}
    if code := request.GET.get("conversation"):
        conversation = get_conversation_for_user(request, code_from(code))
        initial.update(conversation=conversation, person=conversation.person)
    elif code := request.GET.get("person"):
        initial["person"] = get_person_for_user(request, code_from(code))
    form = ReflectiveNoteForm(form_data(request), initial=initial, author=request.user)
    if submitted(request, form):
        note = reflective_note_add(note=form.instance, by=request.user)
        messages.success(request, "Your reflective note has been saved")
        return redirect("reflection:detail", code=note.code)
    record_views(request, form.people_named())
    context = {"form": form, "title": "Write a reflective note", "caption": "Reflective notes"}
    return render(request, "reflection/form.html", context)


@login_required
@require_GET
def note_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    note = get_reflective_note_for_user(request, code)
    context = {"note": note, "is_author": note.author_id == request.user.pk}
    return render(request, "reflection/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    note = get_own_note(request, code)
    form = ReflectiveNoteForm(form_data(request), instance=note, author=request.user)
    if submitted(request, form):
        reflective_note_update(note=form.instance, by=request.user)
        messages.success(request, "Your reflective note has been saved")
        return redirect("reflection:detail", code=note.code)
    record_views(request, form.people_named())
    context = {
        "form": form,
        "note": note,
        "title": "Change your reflective note",
        "caption": "Reflective notes",
    }
    return render(request, "reflection/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def note_share(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Asks first, then shares the note with the author's team leads."""
    note = get_own_note(request, code)
    if note.shared_with_lead:
        messages.info(request, "This note is already shared with your team lead")
        return redirect("reflection:detail", code=note.code)
    form = ShareForm(form_data(request))
    if submitted(request, form):
        reflective_note_share(note=note, by=request.user)
        messages.success(request, "Your reflective note has been shared with your team lead")
        return redirect("reflection:detail", code=note.code)
    context = {
        "form": form,
        "note": note,
        "leads": leads_of(request.user),
        "title": "Share this note with your team lead?",
        "caption": str(note),
    }
    return render(request, "reflection/share.html", context)
