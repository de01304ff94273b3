"""Everything held about a person, for a subject access request: as JSON, or as a page.

The export is declared once as parts, in order, each with the rows it reads and
how one row reads as a record, field by field with its label, so that the page
and the JSON are the same gathering. Nothing is left out for being awkward:
their details, conversations with actions, addenda and reviews, their network
with its notes and meetings, community connections, practitioners' reflective
notes and notes of supervision about them, who may decide for them and assessments
of their mental capacity, safeguarding concerns, what the returns need of them, their
reference and key dates in the council's previous system, quality audits of their records,
restrictions and legal holds on their record, emergency accesses, every earlier version of
each of these that the history keeps, and who has viewed the record.
A part that may put someone at risk if disclosed unread (safeguarding) says so,
on the page and in the JSON.
"""

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils import timezone

from accounts.models import EmergencyAccess, Restriction
from audit.models import RecordView
from case_notes.models import CaseNote
from community.models import Connection
from conversations.models import Action, Conversation, TieTalkedAbout
from demographics.models import Demographics
from govuk.times import date_time_in_words
from mental_capacity.models import CapacityAssessment, DecisionMaker
from moving_in.models import PreviousRecord
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person
from quality_audit.models import RecordAudit, RubricAnswer
from reflection.models import ReflectiveNote
from safeguarding.models import SafeguardingConcern
from supervision.models import SupervisionNote

from .models import LegalHold

Row = TypeVar("Row", bound=models.Model)

LEFT_OUT = {"id", "person"}
LEFT_OUT_OF_PARTS = {"id", "person", "conversation", "member", "connection"}
SAFEGUARDING_REVIEW = (
    "Review before disclosure: safeguarding records may say who is harming them or may harm "
    "them, and that person may live with them or see what is sent. Read each one, and check "
    "with whoever leads the enquiry what can be disclosed safely"
)


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


@dataclass(frozen=True)
class Part(Generic[Row]):
    """One kind of record held about the person."""

    slug: str
    title: str
    rows: Callable[[Person], models.QuerySet[Row]]
    record: Callable[[Row], Record]
    # Why the part must be read before it is disclosed, when it must: blank when it need not.
    review_before_disclosure: str = ""


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


def _plain(instance: models.Model, title: str) -> Record:
    return Record(title, items_of(instance, LEFT_OUT_OF_PARTS), {})


# A version is of a model that django-simple-history makes at run time, unknown to the types.
def _of_member(instance: models.Model, title: str) -> Record:
    """A row of a conversation about a member of the network, saying who."""
    return Record(title, items_of(instance, LEFT_OUT_OF_PARTS - {"member"}), {})


def _version(version: Any) -> Record:
    return _plain(version, f"Version of {date_time_in_words(version.history_date)}")


def _conversation(conversation: Conversation) -> Record:
    return Record(
        str(conversation),
        items_of(conversation),
        {
            "Agreed actions": [_plain(a, "Action") for a in conversation.actions.all()],
            "Addenda": [_plain(a, "Addendum") for a in conversation.addenda.all()],
            "Reviews": [_plain(r, r.get_kind_display()) for r in conversation.reviews.all()],
            "Who came from their network": [
                _of_member(a, a.member.name) for a in conversation.attendances.all()
            ],
            "Who in their network was talked about": [
                _of_member(t, t.member.name) for t in conversation.ties_talked_about.all()
            ],
            "Community connections talked about": [
                _plain(c, c.connection.resource.name)
                for c in conversation.connections_talked_about.all()
            ],
        },
    )


def _member(member: NetworkMember) -> Record:
    notes = [_plain(note, "Note") for note in member.notes.all()]
    return Record(member.name, items_of(member), {"Reciprocity notes": notes})


def _connection(connection: Connection) -> Record:
    notes = [_plain(note, "Note") for note in connection.reciprocity_notes.all()]
    return Record(connection.resource.name, items_of(connection), {"Reciprocity notes": notes})


def _members_of(person: Person) -> models.QuerySet:
    return NetworkMember.objects.filter(person=person).values("pk")


def _connections_of(person: Person) -> models.QuerySet:
    return Connection.objects.filter(person=person).values("pk")


def _conversations_of(person: Person) -> models.QuerySet:
    return Conversation.objects.filter(person=person).values("pk")


PARTS = [
    Part(
        "details",
        "Their details",
        lambda person: Person.objects.filter(pk=person.pk),
        lambda person: Record(person.display_name, items_of(person, {"id"}), {}),
    ),
    Part(
        "conversations",
        "Conversations",
        lambda person: (
            Conversation.objects.filter(person=person)
            .select_related("practitioner", "reviewed_by")
            .prefetch_related(
                "actions",
                "addenda__author",
                "reviews__by",
                "attendances__member",
                "ties_talked_about__member",
                "connections_talked_about__connection__resource",
            )
            .order_by("-date", "-pk")
        ),
        _conversation,
    ),
    Part(
        "network",
        "Their network",
        lambda person: (
            NetworkMember.objects.filter(person=person)
            .select_related("linked_person", "created_by")
            .prefetch_related("notes__author")
            .order_by("name", "pk")
        ),
        _member,
    ),
    Part(
        "connections",
        "Community connections",
        lambda person: (
            Connection.objects.filter(person=person)
            .select_related("resource", "created_by")
            .prefetch_related("reciprocity_notes__author")
            .order_by("-pk")
        ),
        _connection,
    ),
    Part(
        "case-notes",
        "Notes between conversations",
        lambda person: (
            CaseNote.objects.filter(person=person).select_related("author").order_by("-date", "-pk")
        ),
        lambda note: Record(str(note), items_of(note), {}),
    ),
    Part(
        "reflective-notes",
        "Reflective notes about them",
        lambda person: (
            ReflectiveNote.objects.filter(person=person)
            .select_related("author", "conversation__person")
            .order_by("-date", "-pk")
        ),
        lambda note: Record(str(note), items_of(note), {}),
    ),
    Part(
        "supervision-notes",
        "Supervision notes about them",
        lambda person: (
            SupervisionNote.objects.filter(person=person)
            .select_related("lead", "practitioner", "conversation__person")
            .order_by("-date", "-pk")
        ),
        lambda note: Record(str(note), items_of(note), {}),
    ),
    Part(
        "who-may-decide",
        "Who may decide for them",
        lambda person: (
            DecisionMaker.objects.filter(person=person)
            .select_related("created_by")
            .order_by("-since", "-pk")
        ),
        lambda holder: Record(str(holder), items_of(holder), {}),
    ),
    Part(
        "capacity-assessments",
        "Mental capacity assessments",
        lambda person: (
            CapacityAssessment.objects.filter(person=person)
            .select_related("assessed_by")
            .order_by("-assessed_on", "-pk")
        ),
        lambda assessment: Record(str(assessment), items_of(assessment), {}),
    ),
    Part(
        "safeguarding-concerns",
        "Safeguarding concerns",
        lambda person: (
            SafeguardingConcern.objects.filter(person=person)
            .select_related("raised_by")
            .order_by("-raised_on", "-pk")
        ),
        lambda concern: Record(str(concern), items_of(concern), {}),
        review_before_disclosure=SAFEGUARDING_REVIEW,
    ),
    Part(
        "previous-system",
        "From the council's previous system",
        lambda person: (
            PreviousRecord.objects.filter(person=person)
            .select_related("imported_by__by")
            .prefetch_related("key_dates")
        ),
        lambda record: Record(
            str(record),
            items_of(record),
            {
                "Key dates": [
                    Record(str(key_date), items_of(key_date, {"id", "record"}), {})
                    for key_date in record.key_dates.all()
                ]
            },
        ),
    ),
    Part(
        "quality-audits",
        "Quality audits of their records",
        lambda person: (
            RecordAudit.objects.filter(conversation__person=person)
            .select_related("sample", "conversation__person", "audited_by")
            .prefetch_related("answers")
            .order_by("-sample__month", "-pk")
        ),
        lambda audit: Record(
            str(audit),
            items_of(audit),
            {
                "Answers": [
                    Record(a.question, items_of(a, {"id", "audit"}), {})
                    for a in audit.answers.all()
                ]
            },
        ),
    ),
    Part(
        "earlier-details",
        "Earlier versions of their details",
        lambda person: person.history.order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "earlier-conversations",
        "Earlier versions of conversations",
        lambda person: Conversation.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-actions",
        "Earlier versions of agreed actions",
        lambda person: Action.history.filter(
            conversation_id__in=_conversations_of(person)
        ).order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "earlier-meetings",
        "Earlier versions of who came to network meetings",
        lambda person: MeetingAttendance.history.filter(
            conversation_id__in=_conversations_of(person)
        ).order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "earlier-ties",
        "Earlier versions of what was said of their network in conversations",
        lambda person: TieTalkedAbout.history.filter(
            conversation_id__in=_conversations_of(person)
        ).order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "earlier-network",
        "Earlier versions of their network",
        lambda person: NetworkMember.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-notes",
        "Earlier versions of reciprocity notes",
        lambda person: ReciprocityNote.history.filter(
            models.Q(member_id__in=_members_of(person))
            | models.Q(connection_id__in=_connections_of(person))
        ).order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "earlier-connections",
        "Earlier versions of community connections",
        lambda person: Connection.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-case-notes",
        "Earlier versions of notes between conversations",
        lambda person: CaseNote.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-reflective-notes",
        "Earlier versions of reflective notes about them",
        lambda person: ReflectiveNote.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-supervision-notes",
        "Earlier versions of supervision notes about them",
        lambda person: SupervisionNote.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-who-may-decide",
        "Earlier versions of who may decide for them",
        lambda person: DecisionMaker.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-capacity-assessments",
        "Earlier versions of mental capacity assessments",
        lambda person: CapacityAssessment.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-safeguarding-concerns",
        "Earlier versions of safeguarding concerns",
        lambda person: SafeguardingConcern.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
        review_before_disclosure=SAFEGUARDING_REVIEW,
    ),
    Part(
        "for-returns",
        "Their ethnicity, sex, gender and support reason, for the government's returns",
        lambda person: Demographics.objects.filter(person=person).select_related("recorded_by"),
        lambda answers: _plain(answers, f"Recorded {answers.recorded_at:%-d %B %Y}"),
    ),
    Part(
        "earlier-for-returns",
        "Earlier versions of their ethnicity, sex, gender and support reason",
        lambda person: Demographics.history.filter(person_id=person.pk).order_by(
            "-history_date", "-history_id"
        ),
        _version,
    ),
    Part(
        "earlier-quality-audits",
        "Earlier versions of quality audits of their records",
        lambda person: RecordAudit.history.filter(
            conversation_id__in=_conversations_of(person)
        ).order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "earlier-quality-audit-answers",
        "Earlier versions of quality audits' answers",
        lambda person: RubricAnswer.history.filter(
            audit_id__in=RecordAudit.objects.filter(conversation__person=person).values("pk")
        ).order_by("-history_date", "-history_id"),
        _version,
    ),
    Part(
        "emergency-access",
        "Emergency access to their record, by staff outside their team",
        lambda person: (
            EmergencyAccess.objects.filter(person=person)
            .select_related("user")
            .order_by("-granted_at", "-pk")
        ),
        lambda access: _plain(access, date_time_in_words(access.granted_at)),
    ),
    Part(
        "restrictions",
        "Restrictions on who may open their record",
        lambda person: (
            Restriction.objects.filter(person=person)
            .select_related("restricted_by", "lifted_by")
            .order_by("-restricted_at", "-pk")
        ),
        lambda restriction: _plain(restriction, f"{restriction.restricted_at:%-d %B %Y}"),
    ),
    Part(
        "legal-holds",
        "Legal holds on their record",
        lambda person: (
            LegalHold.objects.filter(person=person)
            .select_related("placed_by", "lifted_by")
            .order_by("-placed_at", "-pk")
        ),
        lambda hold: _plain(hold, f"{hold.placed_at:%-d %B %Y}"),
    ),
    Part(
        "views",
        "Who has viewed their record",
        lambda person: RecordView.objects.filter(person=person).select_related("user"),
        lambda view: _plain(view, date_time_in_words(view.at)),
    ),
]


def part_by_slug(slug: str) -> Part | None:
    return next((part for part in PARTS if part.slug == slug), None)


def records_of(part: Part, rows) -> list[Record]:
    return [part.record(row) for row in rows]


def everything_held(person: Person) -> Iterator[tuple[Part, Iterator[Record]]]:
    """Every part of the person's data, each read in chunks, so that a large record is
    never all in memory at once."""
    for part in PARTS:
        rows = part.rows(person)
        chunked = rows.iterator(chunk_size=500) if _prefetches(rows) else rows.iterator()
        yield part, (part.record(row) for row in chunked)


def _prefetches(rows: models.QuerySet) -> bool:
    # Django keeps a queryset's prefetches here; django-stubs leaves its private parts out.
    return bool(rows._prefetch_related_lookups)  # type: ignore[attr-defined]


def as_json(person: Person) -> dict:
    """Everything held, with field names as keys and dates as ISO 8601."""
    return {
        **_json_head(person),
        "data": {
            part.title: [_record_json(record) for record in records]
            for part, records in everything_held(person)
        },
    }


def as_json_text(
    person: Person, *, reading: Callable[[int, Part], None] = lambda done, part: None
) -> Iterator[str]:
    """`as_json(person)` as the text `json.dumps(..., ensure_ascii=False, indent=1)` makes
    of it, a record at a time, so that a large record is never all in memory or in one
    string. `reading(done, part)` is told of each part before it is read."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1)
    head = encoder.encode(_json_head(person))
    yield head.removesuffix("\n}") + ',\n "data": {'
    for done, (part, records) in enumerate(everything_held(person)):
        reading(done, part)
        yield f"{',' if done else ''}\n  {encoder.encode(part.title)}: ["
        empty = True
        for record in records:
            # Strings in JSON hold no line breaks: each line of the record moves in a level.
            text = encoder.encode(_record_json(record)).replace("\n", "\n   ")
            yield f"{'' if empty else ','}\n   {text}"
            empty = False
        yield "]" if empty else "\n  ]"
    yield "\n }\n}"


def _json_head(person: Person) -> dict:
    return {
        "person": str(person.code),
        "exported_at": timezone.now().isoformat(),
        # The parts to read before anything is disclosed, each with why.
        "review_before_disclosure": {
            part.title: part.review_before_disclosure
            for part in PARTS
            if part.review_before_disclosure
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
