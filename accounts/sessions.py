"""Signing out after a spell without use, and keeping what was typed when that happens.

A practitioner who is signed out mid-sentence loses nothing: a form sent after
the session ended is kept in the new session, and once they sign in again the
same page shows it filled in, to check and save.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.forms import BaseForm
from django.http import HttpRequest, QueryDict

LAST_SEEN = "last_seen"
KEPT = "kept_typing"
# Seconds between writes of the last time a user was seen, so that not every request writes.
SEEN_EVERY = 15
KEEPS_AT_MOST = 1_000_000  # characters: more is not typing
STATUS_PATH = "/session/"


class IdleSignOutMiddleware:
    """Signs out a user who has not used the service for SESSION_IDLE_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                minutes = settings.SESSION_IDLE_SECONDS // 60
                messages.info(
                    request,
                    f"You were signed out after {minutes} minutes without using the service. "
                    "Sign in again to carry on: nothing you saved or sent has been lost.",
                )
            else:
                # Asking how long is left is not using the service; and the time is written
                # only every SEEN_EVERY seconds, so that not every request writes the session.
                using = request.path != STATUS_PATH and now - last_seen >= SEEN_EVERY
                if using or LAST_SEEN not in request.session:
                    request.session[LAST_SEEN] = now
        return self.get_response(request)


def seconds_left(request: HttpRequest) -> int:
    last_seen = request.session.get(LAST_SEEN, time.time())
    return max(0, round(settings.SESSION_IDLE_SECONDS - (time.time() - last_seen)))


class KeepTypingMiddleware:
    """Keeps a form sent by someone whose session has ended, for after they sign in again.

    Placed after the CSRF check (so only a genuine form is kept) and before the
    sign-in requirement (which then sends them to sign in).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # the sign-in form itself, and other open pages
        typed = {
            name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
        }
        if sum(len(value) for values in typed.values() for value in values) <= KEEPS_AT_MOST:
            request.session[KEPT] = {"path": request.path, "typed": typed}
        return None


def form_data(request: HttpRequest) -> QueryDict | None:
    """What a form on this page is bound to: what was just sent, or what was kept for this
    page when the session ended, or nothing."""
    if request.method == "POST":
        return request.POST
    kept = request.session.get(KEPT)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[KEPT]
    data = QueryDict(mutable=True)
    for name, values in kept["typed"].items():
        data.setlist(name, values)
    messages.info(
        request,
        "You were signed out before this was saved. What you typed is below: check it and save.",
    )
    return data


def submitted(request: HttpRequest, form: BaseForm) -> bool:
    """True when the form was sent now and is valid: kept typing is shown, never saved unseen."""
    return request.method == "POST" and form.is_valid()
