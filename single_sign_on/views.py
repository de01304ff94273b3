"""Signing in with the council's own account: off to its identity provider, and back."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from accounts.sessions import session_begin

from .backends import NotKnownHere

# How the session was signed in to: the second factor reads it (README, "Single sign-on").
SIGNED_IN_WITH = "signed_in_with"
PROVIDER = "oidc"


class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except NotKnownHere as refusal:
            # Whoever this browser was signed in as before, it is not them now.
            logout(request)
            context = {"email": refusal.email}
            return render(request, "single_sign_on/not_known.html", context, status=403)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        session_begin(self.request)
        self.request.session[SIGNED_IN_WITH] = PROVIDER
        return response

    def login_failure(self) -> HttpResponse:
        # Turned back at the provider, or its answer could not be used.
        messages.error(
            self.request,
            "Signing in with your council account did not work. Try again, or sign in with "
            "your email address and password.",
        )
        return redirect("accounts:sign_in")


def _configured() -> None:
    if not settings.OIDC_RP_CLIENT_ID:
        raise Http404


@login_not_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Sends the browser to the council's identity provider, to come back to `callback`."""
    _configured()
    return OIDCAuthenticationRequestView.as_view()(request)


@login_not_required
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Signs in the open account the provider vouched for, or says why not."""
    _configured()
    return CallbackView.as_view()(request)
