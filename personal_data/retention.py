"""After a retention period from closing, a person's record keeps its shape (for the
service measures) and loses everything that identifies them or was said about them."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accounts.models import EmergencyAccess, Restriction
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
from demographics.models import Demographics
from mental_capacity.models import CapacityAssessment, DecisionMaker
from moving_in.models import KeyDate, PreviousRecord
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person
from quality_audit.models import RecordAudit, RubricAnswer
from reflection.models import ReflectiveNote
from safeguarding.models import SafeguardingConcern
from supervision.models import SupervisionNote

from .models import LegalHold
from .tasks import subject_access_exports_delete

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


class Kept(models.TextChoices):
    """The kinds of record kept for different times (settings say how long)."""

    CASE_RECORD = "case_record", "Case record"
    FIRST_CONTACT = "first_contact", "First contact that went no further"


def years_kept(kind: str) -> int:
    if kind == Kept.FIRST_CONTACT:
        return settings.FIRST_CONTACT_RETENTION_YEARS
    return settings.RECORD_RETENTION_YEARS


def with_retention(people: models.QuerySet[Person]) -> models.QuerySet[Person]:
    """`people`, each with `last_contact` (the latest of their first contact, a conversation,
    a note between conversations and the closing of their record), `kept_as` (a case record,
    or a first contact that went no further: no signed-off conversation, no safeguarding
    concern) and `on_hold` (a legal hold in force). One query, subqueries per person."""
    theirs = {"person": OuterRef("pk")}
    latest_conversation = (
        Conversation.objects.filter(**theirs).exclude(date=None).order_by("-date").values("date")
    )
    latest_note = CaseNote.objects.filter(**theirs).order_by("-date").values("date")
    first = F("first_contact_date")
    went_further = Exists(
        Conversation.objects.filter(**theirs, status=Conversation.Status.SIGNED_OFF)
    ) | Exists(SafeguardingConcern.objects.filter(**theirs))
    return people.annotate(
        last_contact=Greatest(
            first,
            Coalesce(Subquery(latest_conversation[:1]), first),
            Coalesce(Subquery(latest_note[:1]), first),
            Coalesce(F("status_changed_on"), first),
        ),
        kept_as=Case(
            When(went_further, then=Value(Kept.CASE_RECORD)),
            default=Value(Kept.FIRST_CONTACT),
        ),
        on_hold=Exists(LegalHold.objects.in_force().filter(**theirs)),
    )


def anonymise_from(person: Person) -> datetime.date:
    """When a record annotated by `with_retention` is due to be anonymised, once closed."""
    annotated: Any = person
    return _years_after(annotated.last_contact, years_kept(annotated.kept_as))


@dataclass(frozen=True)
class Retention:
    """How one person's record is kept: as what, from which last contact, anonymised from
    when (once closed), and whether a legal hold stops it."""

    kept_as: Kept
    last_contact: datetime.date
    anonymise_from: datetime.date
    on_hold: bool


def retention_of(person: Person) -> Retention:
    annotated: Any = with_retention(Person.objects.filter(pk=person.pk)).get()
    return Retention(
        kept_as=Kept(annotated.kept_as),
        last_contact=annotated.last_contact,
        anonymise_from=anonymise_from(annotated),
        on_hold=annotated.on_hold,
    )


def due_for_anonymising(
    *,
    years: int | None = None,
    first_contact_years: int | None = None,
    today: datetime.date | None = None,
):
    """Closed records, not yet anonymised nor on legal hold, whose last contact was longer
    ago than their kind is kept: a case record `years` (RECORD_RETENTION_YEARS), a first
    contact that went no further `first_contact_years` (FIRST_CONTACT_RETENTION_YEARS)."""
    today = today or timezone.localdate()
    if years is None:
        years = settings.RECORD_RETENTION_YEARS
    if first_contact_years is None:
        first_contact_years = settings.FIRST_CONTACT_RETENTION_YEARS
    closed = Person.objects.filter(status=Person.Status.CLOSED, anonymised_on__isnull=True)
    return (
        with_retention(closed)
        .exclude(pk__in=LegalHold.objects.in_force().values("person"))
        .filter(
            Q(kept_as=Kept.CASE_RECORD, last_contact__lt=_years_before(today, years))
            | Q(
                kept_as=Kept.FIRST_CONTACT,
                last_contact__lt=_years_before(today, first_contact_years),
            )
        )
        .order_by("last_contact", "pk")
    )


def supervision_due_for_anonymising(*, years: int, today: datetime.date | None = None):
    """Supervision notes, not yet anonymised, of a supervision more than `years` ago."""
    cutoff = _years_before(today or timezone.localdate(), years)
    return SupervisionNote.objects.filter(anonymised_on__isnull=True, date__lt=cutoff).order_by(
        "date", "pk"
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    return _years_after(day, -years)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


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
        died_on=None,
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
    # Why staff outside their team opened their record: the reason may name them; so may why
    # their record was restricted or held, and why a hold was lifted.
    EmergencyAccess.objects.filter(person=person).update(reason=REMOVED)
    Restriction.objects.filter(person=person).exclude(details="").update(details=REMOVED)
    Restriction.objects.filter(person=person).exclude(lifted_because="").update(
        lifted_because=REMOVED
    )
    LegalHold.objects.filter(person=person).update(reason=REMOVED)
    LegalHold.objects.filter(person=person).exclude(lifted_because="").update(
        lifted_because=REMOVED
    )
    # Their reference in the council's previous system would find them there; the key dates
    # from it keep their kinds and dates, not their notes.
    PreviousRecord.objects.filter(person=person).update(reference="")
    KeyDate.objects.filter(record__person=person).exclude(note="").update(note=REMOVED)
    # Their ethnicity, sex, gender and support reason go whole, with every earlier version:
    # special category data, kept for the returns while they are supported, and no longer.
    # (Deleting the row writes a version of its own, so the versions go after it.)
    Demographics.objects.filter(person=person).delete()
    Demographics.history.filter(person_id=person.pk).delete()
    # Quality audits of their records keep their answers and themes; their words go.
    quality_audits = RecordAudit.objects.filter(conversation__in=conversations)
    for model, rows in [
        (RecordAudit, quality_audits),
        (RubricAnswer, RubricAnswer.objects.filter(audit__in=quality_audits)),
    ]:
        for column in model._meta.get_fields():
            if isinstance(column, models.TextField):
                rows.exclude(**{column.name: ""}).update(**{column.name: REMOVED})
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
    rows_about_them += [
        (RecordAudit, quality_audits),
        (RubricAnswer, RubricAnswer.objects.filter(audit__in=quality_audits)),
    ]
    for model, rows in rows_about_them:
        model.history.filter(id__in=rows.values("pk")).delete()
        # The Django admin's log names what it changed.
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in rows.values_list("pk", flat=True)],
        ).update(object_repr=REMOVED)
    kept_typing_discard(mentioning=identifiers)
    # Subject access exports of their record, waiting to be downloaded, go whole.
    subject_access_exports_delete(person=person)


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
