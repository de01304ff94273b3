from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view
from history.autosave import autosave_refused, autosave_saved, is_autosave
from people.views import get_person_for_user

from .forms import CaseNoteForm
from .models import CaseNote
from .selectors import chronology_of
from .services import case_note_add, case_note_update

NOTES_PER_PAGE = 25
EVENTS_PER_PAGE = 100


def get_case_note_for_user(request: AuthenticatedHttpRequest, code: UUID) -> CaseNote:
    """The note with `code` if the signed-in user may see its person; 404 otherwise. Only
    those who work with people see anyone (`person_scope`), so only they add or change one."""
    notes = CaseNote.objects.visible_to(request.user).select_related("person", "author")
    note = get_object_or_404(notes, code=code)
    record_view(request, note.person)
    return note


@login_required
@require_GET
def note_list(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The person's notes, newest first."""
    person = get_person_for_user(request, code)
    notes = CaseNote.objects.filter(person=person).select_related("author")
    page = Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "case_notes/list.html", {"person": person, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = CaseNoteForm(form_data(request), initial={"date": timezone.localdate()})
    if submitted(request, form):
        note = case_note_add(note=form.instance, person=person, by=request.user)
        messages.success(request, "The note has been saved")
        return redirect("case_notes:detail", code=note.code)
    context = {"form": form, "person": person, "title": "Add a note"}
    return render(request, "case_notes/form.html", context)


@login_required
@require_GET
def note_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    note = get_case_note_for_user(request, code)
    return render(request, "case_notes/detail.html", {"note": note, "person": note.person})


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    note = get_case_note_for_user(request, code)
    form = CaseNoteForm(form_data(request), instance=note)
    if submitted(request, form):
        case_note_update(note=form.instance, by=request.user)
        if is_autosave(request):
            return autosave_saved(note)
        messages.success(request, "The note has been saved")
        return redirect("case_notes:detail", code=note.code)
    if is_autosave(request):
        return autosave_refused(form)
    context = {"form": form, "person": note.person, "note": note, "title": "Change the note"}
    return render(request, "case_notes/form.html", context)


@login_required
@require_GET
def chronology(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The person's significant events, to read or print on its own."""
    person = get_person_for_user(request, code)
    oldest_first = request.GET.get("order") == "oldest"
    events = chronology_of(person, oldest_first=oldest_first)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"person": person, "page": page, "oldest_first": oldest_first}
    return render(request, "case_notes/chronology.html", context)
