"""Who must have a second factor, and what second factors a user has.

Administrators, information governance and team leads must (their roles see the most, or
change who may see what); practitioners may; SECOND_FACTOR_FOR_EVERYONE makes everyone.
"""

from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device

from accounts.models import Role, User

# The roles that must have a second factor, unless settings say otherwise.
REQUIRED_OF = [Role.ADMINISTRATOR, Role.INFORMATION_GOVERNANCE, Role.TEAM_LEAD]


def is_required(user: User) -> bool:
    """Whether `user` may use the service only after passing a second factor."""
    return required_of(User.objects.filter(pk=user.pk)).exists()


def required_of(users: QuerySet[User]) -> QuerySet[User]:
    """Those of `users` who must pass a second factor: everyone, or the roles that must."""
    if settings.SECOND_FACTOR_FOR_EVERYONE:
        return users
    names = [Role(role).group_name for role in settings.SECOND_FACTOR_REQUIRED_ROLES]
    return users.filter(pk__in=User.objects.filter(groups__name__in=names).values("pk"))


def without_second_factor() -> list[User]:
    """Active staff who must have a second factor and have none yet (they are sent to set
    one up when they next sign in), by name."""
    staff = list(required_of(User.objects.filter(is_active=True)).order_by("full_name", "pk"))
    having = users_with_second_factor(staff)
    return [user for user in staff if user.pk not in having]


def has_passed(request: HttpRequest) -> bool:
    """Whether this session has passed its user's second factor (django-otp's OTPMiddleware
    finds the device that it passed with)."""
    return request.user.is_verified()  # type: ignore[union-attr]


def devices_of(user: User) -> list[Device]:
    """The user's confirmed second factors: an authenticator app, passkeys, recovery codes."""
    return list(devices_for_user(user, confirmed=True))


def has_second_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def users_with_second_factor(users: Iterable[User]) -> set[int]:
    """Of `users`, the ids of those with a confirmed second factor: what `has_second_factor`
    says of each, in one query per kind of device rather than several per user."""
    ids = [user.pk for user in users]
    found: set[int] = set()
    for model in apps.get_models():
        if issubclass(model, Device) and not model._meta.abstract:
            rows = model.objects.filter(user__in=ids, confirmed=True)  # type: ignore[attr-defined]
            found.update(rows.values_list("user_id", flat=True))
    return found
