"""Adding and removing a user's second factors. The user acting is always the user whose
second factor it is."""

from binascii import unhexlify

from django.db import transaction
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

from .requirement import devices_of

RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def app_code_is_right(key: str, code: str) -> int | None:
    """The time step at which `code` is what an authenticator app holding `key` shows (a
    step either side allowed for a slow clock), or None."""
    totp = TOTP(unhexlify(key))
    return totp.t() + totp.drift if totp.verify(int(code), tolerance=1) else None


@transaction.atomic
def authenticator_app_add(*, by: User, key: str, used_at: int) -> TOTPDevice:
    """Keeps the authenticator app whose first code was right at step `used_at`: that code
    cannot be used again to sign in."""
    return TOTPDevice.objects.create(
        user=by, name=APP_NAME, key=key, confirmed=True, last_t=used_at
    )


@transaction.atomic
def recovery_codes_make(*, by: User) -> list[str]:
    """New recovery codes for `by`, in place of any they had. Each works once."""
    device, _ = StaticDevice.objects.get_or_create(user=by, defaults={"name": RECOVERY_NAME})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def device_remove(*, by: User, device: Device) -> None:
    """Removes one of `by`'s second factors; with the last app or passkey go the recovery
    codes, which are a way back to those, not a second factor of their own."""
    assert device.user_id == by.pk
    device.delete()
    if not [kept for kept in devices_of(by) if not isinstance(kept, StaticDevice)]:
        StaticDevice.objects.filter(user=by).delete()
