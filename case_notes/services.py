"""Writes to case notes. Each records who acted, in one transaction."""

from django.db import transaction

from accounts.models import User
from people.models import Person

from .models import CaseNote


@transaction.atomic
def case_note_add(*, note: CaseNote, person: Person, by: User) -> CaseNote:
    """Adds a note (checked by `CaseNoteForm`) about `person`, written by `by`."""
    note.person = person
    note.author = by
    note.save_by(by)
    return note


@transaction.atomic
def case_note_update(*, note: CaseNote, by: User) -> CaseNote:
    """Saves a change to a note (checked by `CaseNoteForm`); its history says who made it."""
    note.save_by(by)
    return note
