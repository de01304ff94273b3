"""The person's own copy of their record, written to them: what it holds, read once.

The copy holds signed-off records only; a draft is printed on its own for reading back,
marked as a draft. Each part comes from the latest record in which it was checked with the
person (conversations/read_back.py), in the words checked. Every sentence the copy adds
is written here for the person, never made by rewriting the record's pronouns.
"""

import datetime
import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Team, User
from community.models import Connection
from conversations.models import Action, Addendum, Conversation
from conversations.read_back import ACTIONS, PARTS, action_line, checked_parts
from networks.models import NetworkMember
from people.models import Person

# The picture draws at most this many names around the person; the list has everyone.
PICTURE_NAMES = 12
PICTURE_NAME_LENGTH = 16

WHAT_WE_DID: dict[int, str] = {
    Conversation.Stage.LISTEN_AND_CONNECT: "We listened to what matters to you",
    Conversation.Stage.CRISIS: "We worked closely with you through a difficult time",
    Conversation.Stage.GOOD_LIFE: "We planned a good life with you",
}
HOW_SHARED: dict[str, str] = {
    Conversation.SharedHow.IN_PERSON: "in person",
    Conversation.SharedHow.PHONE: "by phone",
    Conversation.SharedHow.POST: "by post",
    Conversation.SharedHow.EMAIL: "by email",
}
FORMATS: dict[str, str] = {
    Conversation.SharedFormat.LARGE_PRINT: "in large print",
    Conversation.SharedFormat.EASY_READ: "in easy read",
    Conversation.SharedFormat.LANGUAGE: "in {language}",
    Conversation.SharedFormat.INTERPRETER: "with an interpreter",
}
AGREEMENT: dict[str, str] = {
    Conversation.Agreement.AGREED: "You agreed with it.",
    Conversation.Agreement.WITH_COMMENTS: "You agreed with it, with comments.",
    Conversation.Agreement.NOT_AGREED: "You did not agree with all of it.",
}
NOT_SHARED: dict[str, str] = {
    Conversation.NotShared.DECLINED: "You told us you did not want to go through it.",
    Conversation.NotShared.CAPACITY: (
        "We judged that you lacked capacity for this decision at the time."
    ),
    Conversation.NotShared.OTHER: "We could not go through it with you at the time.",
}
STATUS: dict[str, str] = {
    Connection.Status.SUGGESTED: "we talked about it",
    Connection.Status.INTRODUCED: "we introduced you",
    Connection.Status.ATTENDING: "you go",
}
ROLE: dict[str, str] = {
    Connection.Role.RECEIVES: "for support",
    Connection.Role.VOLUNTEER: "as a volunteer",
    Connection.Role.MEMBER: "as a member",
    Connection.Role.ORGANISER: "as an organiser",
}


@dataclass(frozen=True)
class Part:
    heading: str
    words: str
    said_on: datetime.date | None


@dataclass(frozen=True)
class Someone:
    """Someone in the person's network whose name the practitioner chose to show."""

    name: str
    relationship: str
    gives_you: bool
    you_give: bool
    # Where the picture draws them, around the person at (0, 0), and the line between.
    x: float = 0
    y: float = 0
    line: tuple[float, float, float, float] = (0, 0, 0, 0)
    short_name: str = ""

    @property
    def flows(self) -> str:
        """What flows each way between them, in words to the person."""
        if self.gives_you and self.you_give:
            return f"You and {self.name} support each other"
        if self.gives_you:
            return f"{self.name} supports you"
        if self.you_give:
            return f"You support {self.name}"
        return ""


@dataclass(frozen=True)
class ConversationShared:
    conversation: Conversation
    what_we_did: str
    shared: str
    agreement: str
    not_agreed_why: str
    comments: str
    corrections: list[Addendum]


@dataclass
class Copy:
    person: Person
    council: str
    made_on: datetime.date
    draft: Conversation | None
    parts: list[Part] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)
    people: list[Someone] = field(default_factory=list)
    pictured: list[Someone] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)
    next_date: datetime.date | None = None
    practitioner: User | None = None
    team: Team | None = None
    conversations: list[ConversationShared] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing of the record itself is in the copy (a draft with no part ticked, or no
        record signed off yet)."""
        return not (self.parts or self.plan or (self.conversations and not self.draft))


def persons_copy(person: Person, *, draft: Conversation | None = None) -> Copy:
    """The person's own copy: from their signed-off records, or from one `draft` (a record
    not yet signed off) for reading it back with them."""
    records = Conversation.objects.filter(person=person).select_related("practitioner")
    if draft is not None:
        records = records.filter(pk=draft.pk)
    else:
        records = records.filter(status=Conversation.Status.SIGNED_OFF)
    open_actions = Action.objects.filter(done=False).select_related("member")
    records = records.order_by("-date", "-signed_off_at", "-pk").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("member").order_by("pk")),
        Prefetch("actions", queryset=open_actions.order_by("due", "pk"), to_attr="open_actions"),
        Prefetch(
            "addenda",
            queryset=Addendum.objects.filter(asked_by_person=True).select_related("author"),
            to_attr="corrections",
        ),
    )
    copy = Copy(
        person=person,
        council=settings.COUNCIL_NAME,
        made_on=timezone.localdate(),
        draft=draft,
        practitioner=person.practitioner,
        team=person.team,
    )
    latest: dict[str, Part] = {}
    for conversation in records:
        checked = dict(checked_parts(conversation))
        for part, words in checked.items():
            if part.name != ACTIONS and part.name not in latest:
                latest[part.name] = Part(part.heading, words, conversation.date)
        if any(part.name == ACTIONS for part in checked):
            copy.plan += [action_line(action) for action in conversation.open_actions]
        if copy.next_date is None and conversation.next_date:
            copy.next_date = conversation.next_date
        copy.conversations.append(_shared(conversation))
    copy.parts = [latest[part.name] for part in PARTS if part.name in latest]
    copy.people = _people(person)
    copy.pictured = _around(copy.people[:PICTURE_NAMES])
    copy.connections = _connections(person)
    return copy


def _shared(conversation: Conversation) -> ConversationShared:
    """How a record was shared with the person and what they said of it, to them."""
    shared = agreement = why = ""
    if conversation.shared == Conversation.Shared.YES:
        formats = [
            FORMATS[Conversation.SharedFormat(value)].format(
                language=conversation.shared_language or "another language"
            )
            for value in conversation.shared_formats or []
            if value in Conversation.SharedFormat.values
        ]
        how = HOW_SHARED.get(conversation.shared_how, "")
        on = conversation.shared_on
        when = f" on {date_format(on, 'j F Y')}" if on else ""
        shared = " ".join(filter(None, ["We went through this record with you", how, *formats]))
        shared = f"{shared}{when}."
        agreement = AGREEMENT.get(conversation.agreement, "")
        if conversation.agreement == Conversation.Agreement.NOT_AGREED:
            why = conversation.not_agreed_why
    elif conversation.shared == Conversation.Shared.NO:
        shared = NOT_SHARED.get(conversation.not_shared_reason, "")
    what_we_did = (
        "We met with the people around you"
        if conversation.kind == Conversation.Kind.NETWORK_MEETING
        else WHAT_WE_DID.get(conversation.stage, "")
    )
    return ConversationShared(
        conversation=conversation,
        what_we_did=what_we_did,
        shared=shared,
        agreement=agreement,
        not_agreed_why=why,
        comments=conversation.persons_comments,
        corrections=getattr(conversation, "corrections", []),
    )


def _people(person: Person) -> list[Someone]:
    members = NetworkMember.objects.filter(
        person=person, ended_on__isnull=True, in_persons_copy=True
    ).closest_first()
    return [
        Someone(
            name=member.name,
            relationship=member.relationship_detail or member.get_relationship_display(),
            gives_you=bool(member.gives_person.strip()),
            you_give=bool(member.person_gives.strip()),
        )
        for member in members
    ]


def _around(people: list[Someone]) -> list[Someone]:
    """Places each name on a circle around the person, starting at the top."""
    placed = []
    for index, someone in enumerate(people):
        angle = 2 * math.pi * index / max(len(people), 1) - math.pi / 2
        short = someone.name
        if len(short) > PICTURE_NAME_LENGTH:
            short = short[: PICTURE_NAME_LENGTH - 1] + "\u2026"
        x, y = 190 * math.cos(angle), 150 * math.sin(angle)
        line = (round(0.3 * x, 1), round(0.3 * y, 1), round(0.82 * x, 1), round(0.82 * y - 6, 1))
        placed.append(replace(someone, x=round(x, 1), y=round(y, 1), line=line, short_name=short))
    return placed


def _connections(person: Person) -> list[str]:
    connections = (
        Connection.objects.filter(person=person)
        .exclude(status=Connection.Status.STOPPED)
        .select_related("resource")
        .order_by("resource__name", "pk")
    )
    return [
        f"{connection.resource.name}: {STATUS.get(connection.status, '')}, "
        f"{ROLE.get(connection.role, '')}"
        for connection in connections
    ]
