"""Legal holds: placed and lifted by information governance, each saying who and why."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from people.models import Person

from .models import LegalHold


@transaction.atomic
def legal_hold_place(*, person: Person, reason: str, by: User) -> LegalHold:
    """Holds `person`'s record from anonymising until the hold is lifted. One at a time."""
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if LegalHold.objects.in_force().filter(person=person).exists():
        raise ValueError("This record is already on legal hold")
    return LegalHold.objects.create(person=person, reason=reason, placed_by=by)


@transaction.atomic
def legal_hold_lift(*, hold: LegalHold, because: str, by: User) -> None:
    """Lifts a hold in force: the record is anonymised again once past its retention."""
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise ValueError("This legal hold was already lifted")
    hold.lifted_at = timezone.now()
    hold.lifted_by = by
    hold.lifted_because = because
    hold.save(update_fields=["lifted_at", "lifted_by", "lifted_because"])
