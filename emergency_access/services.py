import datetime

from django.conf import settings
from django.utils import timezone

from accounts.models import EmergencyAccess, User
from people.models import Person


def emergency_access_grant(*, person: Person, reason: str, by: User) -> EmergencyAccess:
    """Opens `person`'s record to `by` for EMERGENCY_ACCESS_MINUTES, for `reason`; their own
    team lead and information governance see that it was."""
    now = timezone.now()
    return EmergencyAccess.objects.create(
        user=by,
        person=person,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(minutes=settings.EMERGENCY_ACCESS_MINUTES),
    )
