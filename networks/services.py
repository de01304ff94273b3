"""Writes to the person's network: its members, the notes on its ties, and who came to a
network meeting. Each records who acted, in one transaction.

Who came is part of the conversation's record, so each change here also
saves a new version of the conversation: a form opened on the version before
(another tab, another person) is then refused as stale, as any section is.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from accounts.models import User
from community.models import Connection
from people.models import Person

from .models import MeetingAttendance, NetworkMember, ReciprocityNote

if TYPE_CHECKING:  # conversations sits above networks: it is only named here, not imported
    from conversations.models import Conversation


@transaction.atomic
def network_member_add(
    *, member: NetworkMember, person: Person, by: User, because: str = ""
) -> NetworkMember:
    """Adds someone (checked by `NetworkMemberForm`) to the person's network; `because` says
    where it came from, in the version's reason (a conversation, say)."""
    member.person = person
    member.created_by = by
    member.save_by(by)
    if because:
        update_change_reason(member, because)
    return member


@transaction.atomic
def network_member_update(*, member: NetworkMember, by: User) -> NetworkMember:
    """Saves a change (checked by `NetworkMemberForm`) to someone in the network."""
    member.save_by(by)
    return member


# One step closer for each kind of tie; a stressful tie that grows closer is no longer
# stressful but not yet strong.
CLOSER = {
    NetworkMember.Closeness.TENUOUS: NetworkMember.Closeness.MODERATE,
    NetworkMember.Closeness.MODERATE: NetworkMember.Closeness.STRONG,
    NetworkMember.Closeness.STRESSFUL: NetworkMember.Closeness.MODERATE,
    NetworkMember.Closeness.STRONG: NetworkMember.Closeness.STRONG,
}


@transaction.atomic
def network_member_tie_change(
    *, member: NetworkMember, change: str, because: str, by: User, on=None, reason: str = ""
) -> NetworkMember:
    """Changes a tie as someone said it had changed: "closer", "stressful" or "ended" (`on`,
    for `reason`). At once, with a version whose reason, `because`, says where it came from."""
    if change == "closer":
        member.closeness = CLOSER[NetworkMember.Closeness(member.closeness)]
    elif change == "stressful":
        member.closeness = NetworkMember.Closeness.STRESSFUL
    elif change == "ended":
        member.ended_on, member.end_reason = on, reason
    else:
        raise ValueError(f"Not a change in a tie: {change!r}")
    member.save_by(by)
    update_change_reason(member, because)
    return member


@transaction.atomic
def reciprocity_note_add(
    *,
    note: ReciprocityNote,
    by: User,
    member: NetworkMember | None = None,
    connection: Connection | None = None,
) -> ReciprocityNote:
    """Adds a note (checked by `ReciprocityNoteForm`) on one tie: a member of the network,
    or a community connection."""
    note.member, note.connection = member, connection
    note.author = by
    note.save_by(by)
    return note


@transaction.atomic
def attendance_add(
    *, conversation: "Conversation", members: Iterable[NetworkMember], by: User
) -> list[NetworkMember]:
    """Records that `members` came; anyone already recorded is left as they are.
    Returns those newly recorded."""
    members = list(members)
    already = set(
        conversation.attendances.filter(member__in=members).values_list("member_id", flat=True)
    )
    added = [member for member in members if member.pk not in already]
    for member in added:
        MeetingAttendance(conversation=conversation, member=member).save_by(by)
    if added:
        _new_version(conversation, by)
    return added


@transaction.atomic
def attendance_save(
    *,
    conversation: "Conversation",
    offered: dict[NetworkMember, str],
    removed: Iterable[NetworkMember],
    by: User,
    offered_back: dict[NetworkMember, str] | None = None,
) -> None:
    """Saves what each member in `offered` offered (and what the person offers them back,
    `offered_back`), and takes `removed` off who came.

    Only the members named are touched: everyone else recorded as coming is
    kept as it is. A member in `offered` who is not recorded (taken off by an
    autosave a moment before, then kept after all) is recorded again. What each
    offered, and is offered back, is written back to their tie as reciprocity
    notes of the meeting, and fills what flows each way on the tie where it said
    nothing (or said what this meeting said before).
    """
    offered_back = offered_back or {}
    removed = list(removed)
    recorded = {
        attendance.member_id: attendance
        for attendance in conversation.attendances.filter(member__in=[*offered, *removed])
    }
    changed = False
    for member in removed:
        if (attendance := recorded.get(member.pk)) is not None:
            for note in attendance.reciprocity_notes.all():
                note._history_user = by
                note.delete()
            attendance._history_user = by  # the version saying it was removed, and by whom
            attendance.delete()
            changed = True
    for member, text in offered.items():
        attendance = recorded.get(member.pk) or MeetingAttendance(
            conversation=conversation, member=member
        )
        back = offered_back.get(member, attendance.offered_back)
        if attendance.pk is None or (attendance.offered, attendance.offered_back) != (text, back):
            before = (attendance.offered, attendance.offered_back)
            attendance.offered, attendance.offered_back = text, back
            attendance.save_by(by)
            _write_back(attendance, before, by)
            changed = True
    if changed:
        _new_version(conversation, by)


def _write_back(attendance: MeetingAttendance, before: tuple[str, str], by: User) -> None:
    """Writes what was offered each way at a meeting back to the tie: a reciprocity note
    for each, and what flows each way where the tie said nothing, or what this meeting said
    before (typing saved as it goes)."""
    conversation, member = attendance.conversation, attendance.member
    day = conversation.date or timezone.localdate()
    ways = [
        (ReciprocityNote.Direction.RECEIVES, attendance.offered, before[0], "gives_person"),
        (ReciprocityNote.Direction.GIVES, attendance.offered_back, before[1], "person_gives"),
    ]
    flows_changed = False
    for direction, text, said_before, flow in ways:
        note = attendance.reciprocity_notes.filter(direction=direction).first()
        if text:
            note = note or ReciprocityNote(
                member=member, attendance=attendance, direction=direction, author=by
            )
            note.date, note.text = day, text
            note.save_by(by)
        elif note is not None:
            note._history_user = by
            note.delete()
        if getattr(member, flow) in ("", said_before) and getattr(member, flow) != text:
            setattr(member, flow, text)
            flows_changed = True
    if flows_changed:
        member.save_by(by)
        update_change_reason(member, f"From the network meeting on {day:%-d %B %Y}")


def _new_version(conversation: "Conversation", by: User) -> None:
    conversation.save_by(by, update_fields=["updated_at"])
