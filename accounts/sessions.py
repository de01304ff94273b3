"""How long a session lasts, and keeping what was typed when it ends.

A session ends after SESSION_IDLE_SECONDS without use, and in any case
SESSION_MAX_SECONDS after signing in, however busy the user is. A practitioner
signed out mid-sentence loses nothing: a form they send just after their
session ended is kept, for them alone, and once they sign in again the same
page shows it filled in, to check and save. Nobody who was not signed in can
store anything: without a session that has just ended, a form sent is dropped.
"""

import datetime
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.forms import BaseForm
from django.http import HttpRequest, QueryDict

LAST_SEEN = "last_seen"
SIGNED_IN_AT = "signed_in_at"
# Left in the browser's new, empty session when a signed-in user's session ends on its own.
ENDED = "session_ended"
KEPT = "kept_typing"
# Seconds between writes of the last time a user was seen, so that not every request writes.
SEEN_EVERY = 15
# The longest section of a record holds three answers of 10,000 characters; no real typing
# comes near this, so anything longer is not kept at all.
KEEPS_AT_MOST = 50_000
KEEPS_FIELDS_AT_MOST = 100
# What was typed is kept this long after the session ended, then thrown away.
KEPT_FOR = 12 * 60 * 60
STATUS_PATH = "/session/"


def session_begin(request: HttpRequest) -> None:
    """Starts the clocks of a session just signed in to, and throws away what was typed in
    the browser by anyone else before."""
    request.session[SIGNED_IN_AT] = time.time()
    request.session.pop(ENDED, None)
    kept = request.session.get(KEPT)
    if kept and kept.get("user") != request.user.pk:
        del request.session[KEPT]
    session_used(request)


def session_used(request: HttpRequest) -> None:
    """Notes that the user is using the service, which restarts the idle clock only.

    The stored session outlives the limits by KEPT_FOR, so that a form sent just
    after they end is still known to come from this user; then `clearsessions`
    removes it. The limits themselves are enforced by IdleSignOutMiddleware.
    """
    now = time.time()
    request.session[LAST_SEEN] = now
    ends = min(now + settings.SESSION_IDLE_SECONDS, _absolute_end(request))
    expiry = datetime.datetime.fromtimestamp(ends + KEPT_FOR, tz=datetime.UTC)
    request.session.set_expiry(expiry)


def _absolute_end(request: HttpRequest) -> float:
    return request.session[SIGNED_IN_AT] + settings.SESSION_MAX_SECONDS


def seconds_left(request: HttpRequest) -> int:
    """Until the session ends: by the idle limit, or the absolute one if that comes first."""
    now = time.time()
    session = getattr(request, "session", {})  # none on a page rendered without middleware
    idle_end = session.get(LAST_SEEN, now) + settings.SESSION_IDLE_SECONDS
    ends = min(idle_end, _absolute_end(request)) if SIGNED_IN_AT in session else idle_end
    return max(0, round(ends - now))


def _session_end(request: HttpRequest, message: str) -> None:
    """Signs the user out, and notes in the browser's new session whose session ended, so
    that a form they send next is kept for them."""
    user_pk = request.user.pk
    logout(request)
    request.session[ENDED] = {"user": user_pk, "at": time.time()}
    request.session.set_expiry(KEPT_FOR)
    messages.info(request, message)


class IdleSignOutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without use, or SESSION_MAX_SECONDS after
    signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request: HttpRequest) -> None:
        now = time.time()
        if SIGNED_IN_AT not in request.session:
            # Signed in by another way than the sign-in page (the admin's, a test's).
            session_begin(request)
            return
        last_seen = request.session.get(LAST_SEEN, now)
        if now > _absolute_end(request):
            hours = settings.SESSION_MAX_SECONDS // 3600
            _session_end(
                request,
                f"You were signed out because you signed in more than {hours} hours ago. "
                "Sign in again to carry on: nothing you saved or sent has been lost.",
            )
        elif now - last_seen > settings.SESSION_IDLE_SECONDS:
            minutes = settings.SESSION_IDLE_SECONDS // 60
            _session_end(
                request,
                f"You were signed out after {minutes} minutes without using the service. "
                "Sign in again to carry on: nothing you saved or sent has been lost.",
            )
        elif request.path != STATUS_PATH and now - last_seen >= SEEN_EVERY:
            # Asking how long is left is not using the service; and the time is written
            # only every SEEN_EVERY seconds, so that not every request writes the session.
            session_used(request)


class KeepTypingMiddleware:
    """Keeps a form sent just after its sender's session ended, for them to sign in to.

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
        if not getattr(view_func, "keeps_typing", True):
            return None  # a form whose words must never be stored (`typing_never_kept`)
        ended = request.session.get(ENDED)
        if not ended or time.time() - ended["at"] > KEPT_FOR:
            return None  # never signed in here, or too long ago: nothing is stored
        typed = {
            name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
        }
        size = sum(len(name) + sum(map(len, values)) for name, values in typed.items())
        if size <= KEEPS_AT_MOST and len(typed) <= KEEPS_FIELDS_AT_MOST:
            request.session[KEPT] = {
                "user": ended["user"],
                "path": request.path,
                "typed": typed,
                "at": time.time(),
            }
        return None


def typing_never_kept(view):
    """Marks a view whose form is never kept across a session's end: what is typed into it
    (the identifiers of an emergency access search) is never stored anywhere."""
    view.keeps_typing = False
    return view


def form_data(request: HttpRequest) -> QueryDict | None:
    """What a form on this page is bound to: what was just sent, or what its user typed on
    this page just as their session ended, or nothing."""
    if request.method == "POST":
        return request.POST
    kept = request.session.get(KEPT)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[KEPT]
    if kept.get("user") != request.user.pk or time.time() - kept.get("at", 0) > KEPT_FOR:
        return None
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


def kept_typing_discard(*, mentioning: list[str]) -> int:
    """Throws away typing kept in any browser's session whose page or words mention any of
    `mentioning` (a person's record code, names, NHS number): anonymising a record leaves
    nothing of it behind. Returns how many were thrown away."""
    needles = [needle.casefold() for needle in mentioning if needle]
    discarded = 0
    store = SessionStore()
    for session in Session.objects.filter(session_data__isnull=False).iterator():
        data = store.decode(session.session_data)
        kept = data.get(KEPT)
        if not kept:
            continue
        words = " ".join([kept.get("path", ""), *_all_values(kept.get("typed", {}))]).casefold()
        if any(needle in words for needle in needles):
            del data[KEPT]
            Session.objects.filter(pk=session.pk).update(session_data=store.encode(data))
            discarded += 1
    return discarded


def _all_values(typed: dict) -> list[str]:
    return [value for values in typed.values() for value in values]
