"""Legal holds: placed and lifted by information governance, each saying who and why."""

from django.db import transaction

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
    LegalHold.objects.select_for_update().get(pk=hold.pk).lift(because=because, by=by)
