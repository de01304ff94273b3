from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import subject_access_scope
from audit.log import record_view
from people.models import Person

from .subject_access import as_json, everything_held


def get_person_to_export(request: HttpRequest, code: UUID) -> Person:
    person = get_object_or_404(Person.objects.filter(subject_access_scope(request.user)), code=code)
    record_view(request, person)
    return person


@login_required
@require_GET
def subject_access(request: HttpRequest, code: UUID) -> HttpResponse:
    """Everything held about the person, as a page to read or print."""
    person = get_person_to_export(request, code)
    context = {"person": person, "held": everything_held(person), "now": timezone.now()}
    return render(request, "personal_data/subject_access.html", context)


@login_required
@require_GET
def subject_access_json(request: HttpRequest, code: UUID) -> JsonResponse:
    """Everything held about the person, as JSON."""
    person = get_person_to_export(request, code)
    response = JsonResponse(as_json(person), json_dumps_params={"ensure_ascii": False, "indent": 1})
    name = f"subject-access-{person.code}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
