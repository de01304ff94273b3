"""The answers to static/app/autosave.js, which sends a change page while someone types: the
version now saved, or why it was not (a newer version was saved since, or the answers are
not finished)."""

from django.forms import BaseForm
from django.http import HttpRequest, JsonResponse

from .forms import current_version


def is_autosave(request: HttpRequest) -> bool:
    return request.method == "POST" and request.headers.get("X-Autosave") == "1"


def autosave_saved(instance) -> JsonResponse:
    return JsonResponse({"version": current_version(instance)})


def autosave_refused(form: BaseForm) -> JsonResponse:
    """409 when the form was refused as stale (VersionCheck), 422 for unfinished answers."""
    stale = getattr(form, "stale", False)
    return JsonResponse({"errors": form.errors}, status=409 if stale else 422)
