"""Setting up, using and removing a second factor: an authenticator app with recovery codes,
or a passkey (django-otp-webauthn's own views do the passkey ceremonies)."""

import base64
from binascii import unhexlify
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key
from django_otp_webauthn.models import WebAuthnCredential

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted

from . import services
from .forms import AppCodeForm, CodeForm
from .requirement import devices_of, has_passed, has_second_factor, is_required

# The secret of an authenticator app being set up, kept until its first code is right.
NEW_KEY = "second_factor_new_key"
# Recovery codes just made, shown once.
NEW_CODES = "second_factor_new_codes"


def passed(view: Callable) -> Callable:
    """Only for a session that has passed its user's second factor, or whose user has none:
    a password alone never changes a second factor."""

    @wraps(view)
    def check(request: AuthenticatedHttpRequest, *args, **kwargs) -> HttpResponse:
        if not has_passed(request) and has_second_factor(request.user):
            return redirect("second_factor:verify")
        return view(request, *args, **kwargs)

    return check


@require_GET
@passed
def devices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's second factors, to add to or remove."""
    found = devices_of(request.user)
    context = {
        "apps": [device for device in found if isinstance(device, TOTPDevice)],
        "passkeys": [device for device in found if isinstance(device, WebAuthnCredential)],
        "recovery": next((d for d in found if isinstance(d, StaticDevice)), None),
        "required": is_required(request.user),
    }
    return render(request, "second_factor/devices.html", context)


@require_http_methods(["GET", "POST"])
@passed
def enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Sets up an authenticator app (its QR code, and its secret as text) confirmed by its
    first code, then shows new recovery codes; or a passkey."""
    key = request.session.get(NEW_KEY) or default_key()
    request.session[NEW_KEY] = key
    form = AppCodeForm(form_data(request))
    if submitted(request, form):
        used_at = services.app_code_is_right(key, form.cleaned_data["code"])
        if used_at is None:
            form.add_error("code", "The code is not right: enter the code the app shows now")
        else:
            app = services.authenticator_app_add(by=request.user, key=key, used_at=used_at)
            del request.session[NEW_KEY]
            otp_login(request, app)
            request.session[NEW_CODES] = services.recovery_codes_make(by=request.user)
            return redirect(_with_next(reverse("second_factor:recovery_codes"), request))
    app = TOTPDevice(user=request.user, key=key)
    context = {
        "form": form,
        "title": "Set up your second factor",
        "qr_code": _qr_code(app.config_url),
        "secret": _in_fours(base64.b32encode(unhexlify(key)).decode()),
        "required": is_required(request.user),
        "has_second_factor": has_second_factor(request.user),
        "next": _next(request),
    }
    return render(request, "second_factor/enrol.html", context)


@require_http_methods(["GET", "POST"])
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Asks a signed-in user for a code from their app, a recovery code or their passkey."""
    if has_passed(request) or not has_second_factor(request.user):
        return redirect(_next(request) or "home")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if submitted(request, form):
        device = match_token(request.user, form.cleaned_data["code"])
        if device is None:
            form.add_error(
                "code",
                "The code is not right: enter the code your app shows now, or a "
                "recovery code you have not used",
            )
        else:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.info(
                    request,
                    f"You used a recovery code: you have {left} left. Make new ones from "
                    "your second factor page if you are running out.",
                )
            return redirect(_next(request) or "home")
    context = {
        "form": form,
        "title": "Enter your code",
        "has_passkey": WebAuthnCredential.objects.filter(
            user=request.user, confirmed=True
        ).exists(),
        "next": _next(request),
    }
    return render(request, "second_factor/verify.html", context)


@require_http_methods(["GET", "POST"])
@passed
def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Shows recovery codes just made, once; POST makes new ones in place of the old."""
    if request.method == "POST":
        if not has_second_factor(request.user):
            messages.info(request, "Set up an authenticator app or a passkey first.")
            return redirect("second_factor:devices")
        request.session[NEW_CODES] = services.recovery_codes_make(by=request.user)
        return redirect("second_factor:recovery_codes")
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        return redirect("second_factor:devices")
    context = {"codes": codes, "next": _next(request) or reverse("home")}
    return render(request, "second_factor/recovery_codes.html", context)


@require_POST
@passed
def remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Removes one of the user's own second factors, named by its persistent id."""
    device = Device.from_persistent_id(request.POST.get("device", "")[:100])
    if device is None or device.user_id != request.user.pk:
        return redirect("second_factor:devices")
    services.device_remove(by=request.user, device=device)
    messages.success(request, f"{_described(device)} has been removed.")
    if not has_second_factor(request.user) and is_required(request.user):
        return redirect("second_factor:enrol")
    return redirect("second_factor:devices")


def _described(device: Device) -> str:
    if isinstance(device, WebAuthnCredential):
        return "The passkey"
    if isinstance(device, StaticDevice):
        return "Your recovery codes"
    return "The authenticator app"


def _qr_code(url: str) -> str:
    """The QR code of `url`, as an SVG image in a data: address (the CSP allows those)."""
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def _in_fours(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _next(request: AuthenticatedHttpRequest) -> str:
    """Where the user was going, if it is one of our own pages."""
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if wanted and safe else ""


def _with_next(url: str, request: AuthenticatedHttpRequest) -> str:
    wanted = _next(request)
    return f"{url}?{urlencode({'next': wanted}, safe='/')}" if wanted else url
