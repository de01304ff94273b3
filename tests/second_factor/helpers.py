"""Signing in as people do, and the codes an authenticator app would show."""

from binascii import unhexlify

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a long test password"


def sign_in(client, user):
    return client.post(reverse("accounts:sign_in"), {"username": user.email, "password": PASSWORD})


def code_for(key: str, steps: int = 0) -> str:
    """What an authenticator app holding `key` (hex) shows now, or `steps` codes later (a
    code already used is refused; the next one is accepted, for a slow clock)."""
    return f"{totp(unhexlify(key), drift=steps):06d}"


def app_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
