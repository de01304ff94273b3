"""Who must have a second factor, and what second factors a user has.

Administrators, information governance and team leads must (their roles see the most, or
change who may see what); practitioners may; SECOND_FACTOR_FOR_EVERYONE makes everyone.
"""

from django.conf import settings
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device

from accounts.models import Role, User

# The roles that must have a second factor, unless settings say otherwise.
REQUIRED_OF = [Role.ADMINISTRATOR, Role.INFORMATION_GOVERNANCE, Role.TEAM_LEAD]


def is_required(user: User) -> bool:
    """Whether `user` may use the service only after passing a second factor."""
    if settings.SECOND_FACTOR_FOR_EVERYONE:
        return True
    names = [Role(role).group_name for role in settings.SECOND_FACTOR_REQUIRED_ROLES]
    return user.groups.filter(name__in=names).exists()


def has_passed(request: HttpRequest) -> bool:
    """Whether this session has passed its user's second factor (django-otp's OTPMiddleware
    finds the device that it passed with)."""
    return request.user.is_verified()  # type: ignore[union-attr]


def devices_of(user: User) -> list[Device]:
    """The user's confirmed second factors: an authenticator app, passkeys, recovery codes."""
    return list(devices_for_user(user, confirmed=True))


def has_second_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)
