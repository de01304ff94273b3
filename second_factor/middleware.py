"""Nothing of the service before the second factor: a signed-in user who has one is asked
for it, and one whose role needs one and has none is sent to set one up."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from .requirement import has_passed, has_second_factor, is_required

# Noted in the session once a user has been found to have no second factor and to need none,
# so that their every page does not ask the database again.
NOT_NEEDED = "second_factor_not_needed"
# What a user on their way to a second factor may still reach.
# The public Open Referral UK API is open to anyone, signed in or not: it shows no one.
OPEN_NAMESPACES = {"second_factor", "otp_webauthn", "open_referral_api"}
OPEN_VIEWS = {
    "accounts:sign_in",
    "accounts:sign_out",
    "accounts:session_status",
    "accounts:session_keep_alive",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "security:csp_report",
}
# Setting a first password needs no second factor; changing one, once there is a second
# factor, does: the password alone must not be enough to take over the account.
OPEN_UNTIL_ENROLLED = {"accounts:password_change", "accounts:password_change_done"}
# Single sign-on notes in the session that the council's identity provider signed it in
# (single_sign_on/views.py); that provider's own second factor counts when settings trust it.
SIGNED_IN_WITH, PROVIDER = "signed_in_with", "oidc"


class SecondFactorMiddleware:
    """After AuthenticationMiddleware and django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = request.user
        if not user.is_authenticated or has_passed(request):
            return self.get_response(request)
        if request.session.get(NOT_NEEDED) == user.pk or _provider_vouched(request):
            return self.get_response(request)
        view_name = _view_name(request)
        if view_name is None or _is_open(view_name):
            return self.get_response(request)
        if has_second_factor(user):
            return _redirect("second_factor:verify", request)
        if view_name in OPEN_UNTIL_ENROLLED:
            return self.get_response(request)
        if is_required(user):
            return _redirect("second_factor:enrol", request)
        request.session[NOT_NEEDED] = user.pk
        return self.get_response(request)


def _provider_vouched(request: HttpRequest) -> bool:
    trusted = getattr(settings, "OIDC_TRUST_PROVIDER_SECOND_FACTOR", False)
    return trusted and request.session.get(SIGNED_IN_WITH) == PROVIDER


def _view_name(request: HttpRequest) -> str | None:
    """The URL name of the page asked for; None for an address that is no page (a 404, or
    a static file, which whitenoise serves before any of this)."""
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _is_open(view_name: str) -> bool:
    return view_name in OPEN_VIEWS or view_name.partition(":")[0] in OPEN_NAMESPACES


def _redirect(url_name: str, request: HttpRequest) -> HttpResponseRedirect:
    url = reverse(url_name)
    if request.method == "GET" and request.path != "/":
        url += "?" + urlencode({"next": request.get_full_path()}, safe="/")
    return HttpResponseRedirect(url)
