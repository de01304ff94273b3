"""Everything held about a person, for a subject access request: as JSON, or as a page.

Each record is listed field by field with its label, so the same gathering
serves both forms. Nothing is left out for being awkward: their details,
conversations with actions, addenda and reviews, their network with its notes
and meetings, community connections, every earlier version kept in the
history, and who has viewed the record.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from audit.models import RecordView
from community.models import Connection
from conversations.models import Conversation
from networks.models import NetworkMember, ReciprocityNote
from people.models import Person

LEFT_OUT = {"id", "person"}


@dataclass
class Item:
    name: str
    label: str
    value: object


@dataclass
class Record:
    title: str
    items: list[Item]
    parts: dict[str, list["Record"]]


def items_of(instance: models.Model, leave_out: set[str] = LEFT_OUT) -> list[Item]:
    found = []
    for field in instance._meta.concrete_fields:
        history_bookkeeping = field.name.startswith("history_") and field.name != "history_date"
        if field.name in leave_out or history_bookkeeping:
            continue
        value = getattr(instance, field.name)
        if field.choices and value not in ("", None):
            value = dict(field.flatchoices).get(value, value)
        elif isinstance(field, models.ForeignKey):
            value = str(value) if value is not None else ""
        label = str(field.verbose_name)
        found.append(Item(field.name, label[0].upper() + label[1:], value))
    return found


def everything_held(person: Person) -> dict[str, list[Record]]:
    """The person's data, by kind, newest first within each."""
    conversations = Conversation.objects.filter(person=person).prefetch_related(
        "actions", "addenda__author", "reviews__by", "attendances__member"
    )
    members = NetworkMember.objects.filter(person=person).prefetch_related("notes__author")
    connections = Connection.objects.filter(person=person).select_related("resource")
    notes_on_connections = ReciprocityNote.objects.filter(connection__person=person)
    return {
        "Their details": [Record(person.display_name, items_of(person, {"id"}), {})],
        "Conversations": [
            Record(
                str(conversation),
                items_of(conversation),
                {
                    "Agreed actions": [_plain(a, "Action") for a in conversation.actions.all()],
                    "Addenda": [_plain(a, "Addendum") for a in conversation.addenda.all()],
                    "Reviews": [
                        _plain(r, r.get_kind_display()) for r in conversation.reviews.all()
                    ],
                    "Who came from their network": [
                        _plain(a, a.member.name) for a in conversation.attendances.all()
                    ],
                },
            )
            for conversation in conversations
        ],
        "Their network": [
            Record(
                member.name,
                items_of(member),
                {"Reciprocity notes": [_plain(note, "Note") for note in member.notes.all()]},
            )
            for member in members
        ],
        "Community connections": [
            Record(
                connection.resource.name,
                items_of(connection),
                {
                    "Reciprocity notes": [
                        _plain(note, "Note")
                        for note in notes_on_connections
                        if note.connection_id == connection.pk
                    ]
                },
            )
            for connection in connections
        ],
        "Earlier versions of their details": [
            _plain(version, f"Version of {version.history_date:%-d %B %Y %H:%M}")
            for version in person.history.all()
        ],
        "Who has viewed their record": [
            _plain(view, f"{view.at:%-d %B %Y %H:%M}")
            for view in RecordView.objects.filter(person=person).select_related("user")
        ],
    }


def _plain(instance: models.Model, title: str) -> Record:
    leave_out = {"id", "person", "conversation", "member", "connection"}
    return Record(title, items_of(instance, leave_out), {})


def as_json(person: Person) -> dict:
    """Everything held, with field names as keys and dates as ISO 8601."""
    return {
        "person": str(person.code),
        "exported_at": timezone.now().isoformat(),
        "data": {
            kind: [_record_json(record) for record in records]
            for kind, records in everything_held(person).items()
        },
    }


def _record_json(record: Record) -> dict:
    data = {item.name: _json_value(item.value) for item in record.items}
    for kind, records in record.parts.items():
        data[kind] = [_record_json(part) for part in records]
    return data


def _json_value(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
