import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import EmergencyAccess, User
from people.models import Person


def emergency_access_grant(
    *, person: Person, reason: str, needs_approval: bool = False, by: User
) -> EmergencyAccess:
    """Opens `person`'s record to `by` for EMERGENCY_ACCESS_MINUTES, for `reason`; their own
    team lead and information governance see that it was. A restricted record's access
    waits for information governance's approval instead, and opens nothing until then."""
    now = timezone.now()
    return EmergencyAccess.objects.create(
        user=by,
        person=person,
        reason=reason,
        granted_at=now,
        expires_at=now + _minutes(),
        needs_approval=needs_approval,
    )


@transaction.atomic
def emergency_access_decide(*, access: EmergencyAccess, approve: bool, by: User) -> None:
    """Information governance approves a waiting access, which then lasts
    EMERGENCY_ACCESS_MINUTES from now, or refuses it. A decided access is never decided
    again."""
    access = EmergencyAccess.objects.select_for_update().get(pk=access.pk)
    if not access.needs_approval or access.approved is not None:
        raise ValueError("Only an access waiting for approval is approved or refused")
    now = timezone.now()
    access.approved = approve
    access.decided_by = by
    access.decided_at = now
    access.expires_at = now + _minutes() if approve else now
    access.save(update_fields=["approved", "decided_by", "decided_at", "expires_at"])


def _minutes() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.EMERGENCY_ACCESS_MINUTES)
