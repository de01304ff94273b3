"""Noting the browsers signed in as each user, and ending them."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User

from .agents import browser_summary
from .models import SignedInSession

# When this browser's session was last noted as used, kept in the session itself.
NOTED_AT = "signed_in_noted_at"


def session_signed_in(request: HttpRequest, user: User) -> SignedInSession:
    """Notes the browser that has just signed in as `user` (its session key is new)."""
    now = timezone.now()
    request.session[NOTED_AT] = now.timestamp()
    session, _ = SignedInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "browser": browser_summary(request.headers.get("User-Agent", "")),
            "signed_in_at": now,
            "last_used_at": now,
            "ended_at": None,
        },
    )
    return session


def session_used(request: HttpRequest) -> None:
    """Notes that this browser's session is in use; one signed in before sessions were
    noted, or whose key changed, is noted now."""
    now = timezone.now()
    request.session[NOTED_AT] = now.timestamp()
    key = request.session.session_key
    noted = SignedInSession.objects.filter(session_key=key, ended_at__isnull=True)
    if not noted.update(last_used_at=now):
        SignedInSession.objects.get_or_create(
            session_key=key,
            defaults={
                "user": request.user,
                "browser": browser_summary(request.headers.get("User-Agent", "")),
            },
        )


def session_signed_out(request: HttpRequest) -> None:
    """Notes that this browser signed out, or its session timed out."""
    key = getattr(request, "session", None) and request.session.session_key
    if key:
        SignedInSession.objects.filter(session_key=key, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )


@transaction.atomic
def session_end(*, session: SignedInSession, by: User) -> None:
    """Ends a browser's session: it is signed out at its next request."""
    _end(SignedInSession.objects.filter(pk=session.pk), by)


@transaction.atomic
def sessions_end_others(*, user: User, keeping: str, by: User) -> int:
    """Ends every session of `user` but the one with key `keeping` (the browser asking).
    Returns how many were ended."""
    return _end(SignedInSession.objects.filter(user=user).exclude(session_key=keeping), by)


@transaction.atomic
def sessions_end_for_user(*, user: User, by: User) -> int:
    """Ends every session of `user`, in every browser: for an administrator, and when a
    leaver's account is deactivated. Returns how many were ended. A session not yet noted
    here (one begun before it was noted, say) is found in the stored sessions and ended
    too."""
    ended = _end(SignedInSession.objects.filter(user=user), by)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    unnoted = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if store.decode(session.session_data).get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=unnoted).delete()
    return ended + len(unnoted)


def _end(sessions, by: User) -> int:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    ending = list(sessions.filter(ended_at__isnull=True).values_list("pk", "session_key"))
    for _, key in ending:
        # Without its stored session the browser's cookie opens nothing: signed out.
        store.delete(key)
    SignedInSession.objects.filter(pk__in=[pk for pk, _ in ending]).update(
        ended_at=timezone.now(), ended_by=by
    )
    return len(ending)
