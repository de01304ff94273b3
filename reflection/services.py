"""Writes to reflective notes. Each records who acted, in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User

from .models import ReflectiveNote


@transaction.atomic
def reflective_note_add(*, note: ReflectiveNote, by: User) -> ReflectiveNote:
    """Adds a note (checked by `ReflectiveNoteForm`) written by `by`."""
    note.author = by
    note.save_by(by)
    return note


@transaction.atomic
def reflective_note_update(*, note: ReflectiveNote, by: User) -> ReflectiveNote:
    """Saves a change to a note (checked by `ReflectiveNoteForm`): only its author writes it."""
    _refuse_unless_author(note, by)
    note.save_by(by)
    return note


@transaction.atomic
def reflective_note_share(*, note: ReflectiveNote, by: User) -> ReflectiveNote:
    """Shares a note with the author's team leads: only the author shares it."""
    _refuse_unless_author(note, by)
    note.share(by=by)
    return note


def _refuse_unless_author(note: ReflectiveNote, by: User) -> None:
    if note.author_id != by.pk:
        raise PermissionDenied("Only its author changes or shares a reflective note")
