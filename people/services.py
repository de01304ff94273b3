"""Writes to people's records. Each records who acted, in one transaction."""

from django.db import transaction

from accounts.models import User

from .models import Person


@transaction.atomic
def person_save(*, person: Person, by: User) -> Person:
    """Saves a person added or changed through `PersonForm` (which checked it), with the
    version of their record that says who saved it."""
    person.save_by(by)
    return person
