"""Writes to supervision notes. Each records who acted, in one transaction."""

from django.db import transaction

from accounts.models import User

from .models import SupervisionNote


@transaction.atomic
def supervision_note_add(*, note: SupervisionNote, practitioner: User, by: User) -> SupervisionNote:
    """Adds a note (checked by `SupervisionNoteForm`) of `by`'s supervision of `practitioner`."""
    note.lead = by
    note.practitioner = practitioner
    note.save_by(by)
    return note
