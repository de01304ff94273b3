"""Writes to what the returns need to know of a person. Each records who acted."""

from django.db import transaction

from accounts.models import User
from people.models import Person

from .models import Demographics


@transaction.atomic
def demographics_save(*, demographics: Demographics, person: Person, by: User) -> Demographics:
    """Saves the answers (checked by `DemographicsForm`) for `person`; who recorded them and
    when are kept, and every earlier version in its history."""
    demographics.person = person
    demographics.recorded_by = by
    demographics.save_by(by)
    return demographics
