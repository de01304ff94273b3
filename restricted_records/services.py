"""Restricting a record, changing who may open it, and lifting it: each by information
governance, in one transaction, saying who acted."""

from collections.abc import Iterable

from django.db import transaction

from accounts.models import Restriction, User
from people.models import Person


@transaction.atomic
def restriction_place(
    *, person: Person, reason: str, details: str, named_staff: Iterable[User], by: User
) -> Restriction:
    """Restricts `person`'s record to `named_staff`, or changes the restriction in force."""
    restriction = Restriction.objects.select_for_update().in_force().filter(person=person).first()
    if restriction is None:
        restriction = Restriction(person=person, restricted_by=by)
    restriction.reason = reason
    restriction.details = details
    restriction.save()
    restriction.named_staff.set(named_staff)
    return restriction


@transaction.atomic
def restriction_lift(*, restriction: Restriction, because: str, by: User) -> None:
    """Lifts a restriction in force: the record is its team's again. It stays listed, lifted."""
    Restriction.objects.select_for_update().get(pk=restriction.pk).lift(because=because, by=by)
