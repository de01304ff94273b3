from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.requests import AuthenticatedHttpRequest

from .models import SignedInSession
from .selectors import sessions_of
from .services import session_end, sessions_end_for_user, sessions_end_others


@login_required
@require_GET
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The browsers signed in as you, this one marked, each other one with a button to end it."""
    context = {"sessions": sessions_of(request.user), "this": request.session.session_key}
    return render(request, "signed_in/list.html", context)


@login_required
@require_POST
def end(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Ends one of your other sessions; someone else's is not found."""
    session = get_object_or_404(
        SignedInSession.objects.current()
        .filter(user=request.user)
        .exclude(session_key=request.session.session_key),
        code=code,
    )
    session_end(session=session, by=request.user)
    messages.success(request, f"{session.browser} has been signed out")
    return redirect("signed_in:list")


@login_required
@require_POST
def end_others(request: AuthenticatedHttpRequest) -> HttpResponse:
    ended = sessions_end_others(
        user=request.user, keeping=request.session.session_key or "", by=request.user
    )
    if ended:
        messages.success(request, f"{_sessions(ended)} signed out: only this browser is signed in")
    return redirect("signed_in:list")


@login_required
@require_GET
def for_user(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An administrator's view of the browsers signed in as a member of staff."""
    user = _user_managed(request, pk)
    context = {"member": user, "sessions": sessions_of(user)}
    return render(request, "signed_in/for_user.html", context)


@login_required
@require_POST
def end_all_for_user(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An administrator signs a member of staff out everywhere."""
    user = _user_managed(request, pk)
    ended = sessions_end_for_user(user=user, by=request.user)
    messages.success(request, f"{_sessions(ended)} of {user} signed out")
    return redirect("signed_in:for_user", pk=user.pk)


def _user_managed(request: AuthenticatedHttpRequest, pk: int) -> User:
    if not request.user.manages_accounts:
        raise PermissionDenied
    return get_object_or_404(User, pk=pk)


def _sessions(count: int) -> str:
    return "1 session" if count == 1 else f"{count} sessions"
