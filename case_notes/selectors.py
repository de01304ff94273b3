"""The person's chronology: significant events from across their record, one query for each
kind of record, merged here."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from conversations.models import Conversation
from networks.models import NetworkMember
from people.models import Person
from safeguarding.models import SafeguardingConcern

from .models import CaseNote


@dataclass(frozen=True)
class Event:
    date: datetime.date
    kind: str
    description: str
    url: str
    # Events on one day keep the order they happened in, when it is known.
    order: tuple = ()


def chronology_of(person: Person, *, oldest_first: bool = False) -> list[Event]:
    """The person's significant events, newest first (or oldest first), in four queries."""
    events = [
        *_notes(person),
        *_conversations(person),
        *_safeguarding(person),
        *_network(person),
    ]
    events.sort(key=lambda event: (event.date, event.order), reverse=not oldest_first)
    return events


def _notes(person: Person) -> list[Event]:
    notes = CaseNote.objects.filter(person=person, significant=True).only(
        "code", "date", "kind", "with_whom", "what_was_said", "created_at"
    )
    return [
        Event(
            note.date,
            "Note",
            f"{note.get_kind_display()}{f' with {note.with_whom}' if note.with_whom else ''}: "
            f"{_short(note.what_was_said)}",
            reverse("case_notes:detail", args=[note.code]),
            (note.created_at.timestamp(),),
        )
        for note in notes
    ]


def _conversations(person: Person) -> list[Event]:
    """Each conversation held, and the council's decisions recorded in it."""
    found = []
    conversations = Conversation.objects.filter(person=person).only(
        "code", "date", "stage", "outcome", "status", "eligible", "eligibility_decided_on",
        "plan_starts_on", "created_at",
    )  # fmt: skip
    for conversation in conversations:
        if conversation.is_draft:
            url = reverse("conversations:tasks", args=[conversation.code])
        else:
            url = reverse("conversations:detail", args=[conversation.code])
        at = (conversation.created_at.timestamp(),)
        if conversation.date:
            outcome = conversation.get_outcome_display() or "not recorded yet"
            found.append(
                Event(
                    conversation.date,
                    "Conversation",
                    f"Conversation {conversation.get_stage_display()}. Outcome: {outcome}",
                    url,
                    at,
                )
            )
        if conversation.eligibility_decided_on and conversation.eligible:
            decided = "eligible" if conversation.eligible == "yes" else "not eligible"
            found.append(
                Event(
                    conversation.eligibility_decided_on,
                    "Eligibility decision",
                    f"Their needs were decided {decided} for care and support",
                    url,
                    at,
                )
            )
        if conversation.plan_starts_on:
            found.append(
                Event(
                    conversation.plan_starts_on,
                    "Care and support plan",
                    "Their care and support plan starts",
                    url,
                    at,
                )
            )
    return found


def _safeguarding(person: Person) -> list[Event]:
    """Only that a concern was raised or closed: never its words, which may name who harms
    them on a page printed and handed on."""
    found = []
    concerns = SafeguardingConcern.objects.filter(person=person).only(
        "code", "raised_on", "closed_on"
    )
    for concern in concerns:
        url = reverse("safeguarding:detail", args=[concern.code])
        found.append(Event(concern.raised_on, "Safeguarding", "Safeguarding concern raised", url))
        if concern.closed_on:
            found.append(
                Event(concern.closed_on, "Safeguarding", "Safeguarding concern closed", url)
            )
    return found


def _network(person: Person) -> list[Event]:
    found = []
    url = reverse("networks:network", args=[person.code])
    for member in NetworkMember.objects.filter(person=person).only(
        "name", "started_on", "ended_on"
    ):
        found.append(
            Event(member.started_on, "Network", f"{member.name} joined their network", url)
        )
        if member.ended_on:
            found.append(
                Event(member.ended_on, "Network", f"{member.name} left their network", url)
            )
    return found


def _short(text: str, words: int = 25) -> str:
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")
