"""Writes to safeguarding concerns. Each records who acted, in one transaction."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User

from .models import SafeguardingConcern


@transaction.atomic
def safeguarding_concern_add(*, concern: SafeguardingConcern, by: User) -> SafeguardingConcern:
    """Records a concern (checked by `ConcernForm`) raised by `by`."""
    _refuse_unless_works_with_people(by)
    concern.raised_by = by
    concern.save_by(by)
    return concern


@transaction.atomic
def safeguarding_concern_update(*, concern: SafeguardingConcern, by: User) -> SafeguardingConcern:
    """Saves a change to an open concern (checked by `ConcernForm`)."""
    _refuse_unless_works_with_people(by)
    _refuse_if_closed(concern)
    concern.save_by(by)
    return concern


@transaction.atomic
def safeguarding_concern_close(
    *, concern: SafeguardingConcern, on: datetime.date, note: str, by: User
) -> SafeguardingConcern:
    """Closes an open concern, with why."""
    _refuse_unless_works_with_people(by)
    concern.close(on=on, note=note, by=by)
    return concern


def _refuse_unless_works_with_people(by: User) -> None:
    if not by.works_with_people:
        raise PermissionDenied("Only practitioners and team leads record safeguarding concerns")


def _refuse_if_closed(concern: SafeguardingConcern) -> None:
    # Read from the database: the form has already put what was sent on the instance.
    closed = SafeguardingConcern.objects.filter(pk=concern.pk, closed_on__isnull=False).exists()
    if closed:
        raise PermissionDenied("A closed safeguarding concern is never changed")
