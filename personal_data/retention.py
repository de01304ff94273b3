"""After a retention period from closing, a person's record keeps its shape (for the
service measures) and loses everything that identifies them or was said about them."""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from accounts.models import EmergencyAccess
from accounts.sessions import kept_typing_discard
from case_notes.models import CaseNote
from community.models import Connection
from conversations.models import (
    Action,
    Addendum,
    ConnectionTalkedAbout,
    Conversation,
    Review,
    TieTalkedAbout,
)
from mental_capacity.models import CapacityAssessment, DecisionMaker
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person
from reflection.models import ReflectiveNote
from safeguarding.models import SafeguardingConcern
from supervision.models import SupervisionNote

REMOVED = "(removed)"
# Every text field: a field added later is anonymised without anyone remembering to list it.
CONVERSATION_TEXT = [
    field.name for field in Conversation._meta.get_fields() if isinstance(field, models.TextField)
]


SUPERVISION_TEXT = [
    field.name
    for field in SupervisionNote._meta.get_fields()
    if isinstance(field, models.TextField)
]
CAPACITY_TEXT = [
    field.name
    for field in CapacityAssessment._meta.get_fields()
    if isinstance(field, models.TextField)
]
REFLECTION_TEXT = [
    field.name for field in ReflectiveNote._meta.get_fields() if isinstance(field, models.TextField)
]
CASE_NOTE_TEXT = [
    field.name for field in CaseNote._meta.get_fields() if isinstance(field, models.TextField)
]
SAFEGUARDING_TEXT = [
    field.name
    for field in SafeguardingConcern._meta.get_fields()
    if isinstance(field, models.TextField)
]


def due_for_anonymising(*, years: int, today: datetime.date | None = None):
    """Closed records, not yet anonymised, closed more than `years` ago."""
    cutoff = _years_before(today or timezone.localdate(), years)
    return Person.objects.filter(
        status=Person.Status.CLOSED, anonymised_on__isnull=True, status_changed_on__lt=cutoff
    ).order_by("status_changed_on", "pk")


def supervision_due_for_anonymising(*, years: int, today: datetime.date | None = None):
    """Supervision notes, not yet anonymised, of a supervision more than `years` ago."""
    cutoff = _years_before(today or timezone.localdate(), years)
    return SupervisionNote.objects.filter(anonymised_on__isnull=True, date__lt=cutoff).order_by(
        "date", "pk"
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@transaction.atomic
def person_anonymise(*, person: Person) -> None:
    """Removes what identifies the person, and the words of their records (the notes of
    reflection and supervision about them, and safeguarding concerns, too), and the earlier
    versions that still hold them. Dates, stages, outcomes and the shape of their network
    stay, so the service's measures do not change."""
    identifiers = _identifiers(person)
    conversations = Conversation.objects.filter(person=person)
    members = NetworkMember.objects.filter(person=person)
    connections = Connection.objects.filter(person=person)
    Person.objects.filter(pk=person.pk).update(
        preferred_name="Anonymised",
        given_names="Anonymised",
        family_name=f"person {person.pk}",
        pronouns="",
        date_of_birth=None,
        nhs_number="",
        address="",
        postcode="",
        phone="",
        email="",
        language="",
        communication_needs="",
        status_reason="",
        anonymised_on=timezone.localdate(),
    )
    # Written words become "(removed)", not blank, so what was filled in still counts.
    for field in CONVERSATION_TEXT:
        conversations.exclude(**{field: ""}).update(**{field: REMOVED})
    # The language a record was read back in, the digests of the words checked with them,
    # their advocate, and a council named in their ordinary residence; what they said of each
    # outcome of an eligibility decision (the outcomes and tests stay, as answers).
    conversations.update(
        shared_language="",
        checked_with_person={},
        advocate_name="",
        advocate_organisation="",
        ordinary_residence_council="",
    )
    for conversation in conversations.exclude(eligibility_outcomes={}).only("eligibility_outcomes"):
        outcomes = {
            key: {**answer, "said": REMOVED if answer.get("said") else ""}
            for key, answer in conversation.eligibility_outcomes.items()
        }
        Conversation.objects.filter(pk=conversation.pk).update(eligibility_outcomes=outcomes)
    Action.objects.filter(conversation__in=conversations).update(what=REMOVED, who_name="")
    Addendum.objects.filter(conversation__in=conversations).update(text=REMOVED)
    Review.objects.filter(conversation__in=conversations).update(comment="")
    MeetingAttendance.objects.filter(conversation__in=conversations).update(
        offered="", offered_back=""
    )
    ties = TieTalkedAbout.objects.filter(conversation__in=conversations)
    for field in ["what_helps", "in_the_way", "flows"]:
        ties.exclude(**{field: ""}).update(**{field: REMOVED})
    members.update(name=REMOVED, relationship_detail="", end_reason="")
    for field in ["gives_person", "person_gives"]:
        members.exclude(**{field: ""}).update(**{field: REMOVED})
    ReciprocityNote.objects.filter(member__in=members).update(text=REMOVED)
    ReciprocityNote.objects.filter(connection__in=connections).update(text=REMOVED)
    connections.update(notes="")
    # Notes that practitioners and leads wrote about them keep who wrote them, and when.
    reflective_notes = ReflectiveNote.objects.filter(person=person)
    supervision_notes = SupervisionNote.objects.filter(person=person)
    today = timezone.localdate()
    for notes, text in [(reflective_notes, REFLECTION_TEXT), (supervision_notes, SUPERVISION_TEXT)]:
        for field in text:
            notes.exclude(**{field: ""}).update(**{field: REMOVED})
        notes.update(anonymised_on=today)
    # Notes between conversations keep their dates and kinds; their words, and who they were
    # with, go.
    case_notes = CaseNote.objects.filter(person=person)
    for field in CASE_NOTE_TEXT:
        case_notes.exclude(**{field: ""}).update(**{field: REMOVED})
    case_notes.exclude(with_whom="").update(with_whom=REMOVED)
    # Safeguarding concerns keep their dates and decisions; their words and the advocate's
    # name go.
    concerns = SafeguardingConcern.objects.filter(person=person)
    for field in SAFEGUARDING_TEXT:
        concerns.exclude(**{field: ""}).update(**{field: REMOVED})
    concerns.update(advocate_name="", anonymised_on=today)
    # Who may decide for them keeps the kind of power and its dates, not who holds it; an
    # assessment keeps its date, answers and outcome, not its words.
    holders = DecisionMaker.objects.filter(person=person)
    holders.update(holder_name=REMOVED, holder_contact="", check_note="")
    assessments = CapacityAssessment.objects.filter(person=person)
    for field in CAPACITY_TEXT:
        assessments.exclude(**{field: ""}).update(**{field: REMOVED})
    # Why staff outside their team opened their record: the reason may name them.
    EmergencyAccess.objects.filter(person=person).update(reason=REMOVED)
    # Other people's networks keep the tie to them, without their name.
    ties_to_them = NetworkMember.objects.filter(linked_person=person)
    ties_to_them.update(name=REMOVED)
    NetworkMember.history.filter(id__in=ties_to_them.values("pk")).update(name=REMOVED)
    rows_about_them = [
        (Person, Person.objects.filter(pk=person.pk)),
        (Conversation, conversations),
        (Action, Action.objects.filter(conversation__in=conversations)),
        (MeetingAttendance, MeetingAttendance.objects.filter(conversation__in=conversations)),
        (TieTalkedAbout, ties),
        (
            ConnectionTalkedAbout,
            ConnectionTalkedAbout.objects.filter(conversation__in=conversations),
        ),
        (NetworkMember, members),
        (Connection, connections),
        (ReciprocityNote, ReciprocityNote.objects.filter(member__in=members)),
        (ReciprocityNote, ReciprocityNote.objects.filter(connection__in=connections)),
        (SafeguardingConcern, concerns),
        (CaseNote, case_notes),
    ]
    # Earlier versions of notes about them, including any since linked to no one.
    ReflectiveNote.history.filter(person_id=person.pk).delete()
    SupervisionNote.history.filter(person_id=person.pk).delete()
    rows_about_them += [(ReflectiveNote, reflective_notes), (SupervisionNote, supervision_notes)]
    rows_about_them += [(DecisionMaker, holders), (CapacityAssessment, assessments)]
    for model, rows in rows_about_them:
        model.history.filter(id__in=rows.values("pk")).delete()
        # The Django admin's log names what it changed.
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in rows.values_list("pk", flat=True)],
        ).update(object_repr=REMOVED)
    kept_typing_discard(mentioning=identifiers)


def _identifiers(person: Person) -> list[str]:
    """What would name the person in typing kept from a session that ended."""
    return [
        str(person.code),
        f"{person.given_names} {person.family_name}",
        f"{person.preferred_name} {person.family_name}",
        person.nhs_number,
        person.email,
        person.phone,
    ]


@transaction.atomic
def supervision_note_anonymise(*, note: SupervisionNote) -> None:
    """Removes the words of a supervision note and its earlier versions; who met whom and
    when stays."""
    written = {field: REMOVED for field in SUPERVISION_TEXT if getattr(note, field)}
    SupervisionNote.objects.filter(pk=note.pk).update(**written, anonymised_on=timezone.localdate())
    SupervisionNote.history.filter(id=note.pk).delete()
