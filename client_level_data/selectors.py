"""Builds a quarter's Client Level Data return from what the record already holds.

The events (client_level_data/specification.py says where each rule comes from):

- Request: a person's first contact with the service, on `Person.first_contact_date`, in the
  quarter it fell in. Its outcome: on to an assessment when a conversation with them has been
  signed off; when their record was closed without one, why it closed. Until either, it has
  no outcome and is not returned yet.
- Assessment: a signed-off "what matters" conversation (one-to-one, network meeting, or a
  carer's own), completed in the quarter: on its eligibility decision's date when it made
  one (a long term assessment), else on the day it was signed off (a short term one).
- Service: a care and support plan agreed in a signed-off conversation, from the day it
  starts until a later signed-off record ends it (a review that ends the plan, or a new
  plan that replaces it) or they die; returned in every quarter it is active in.
- Review: a signed-off review of the plan, completed on the day it was signed off; planned
  when it answered a review that was due.

Only signed-off records are returned, and nothing of a record that has been anonymised. An
event that cannot be returned yet is left out, with a message saying what to fix.

The whole return is read in a fixed number of queries, however many people it holds.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from conversations.models import Conversation
from demographics.models import Demographics
from people.models import Person

from . import specification as spec
from .quarters import Quarter

EVENT_ORDER = {name: index for index, name in enumerate(spec.EVENT_TYPES)}


@dataclass
class Problem:
    """Why an event of `person` (or all of theirs) cannot be returned yet, in words."""

    person: Person
    what: str
    # A note that does not keep anything out of the return.
    blocking: bool = True
    record: UUID | None = None


@dataclass
class Return:
    quarter: Quarter
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Everyone with a row in the return, for the access log.
    people: list[Person] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many rows of each event type, in the specification's order."""
        found = Counter(row["Event_Type"] for row in self.rows)
        return {event_type: found[event_type] for event_type in spec.EVENT_TYPES}

    @property
    def blocking(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.blocking]

    @property
    def notes(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.blocking]


def _date(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def _day(day: datetime.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "an unknown date"


def _answers(person: Person) -> Demographics | None:
    try:
        return person.demographics
    except Demographics.DoesNotExist:
        return None


class _Builder:
    def __init__(self, quarter: Quarter, la_code: str):
        self.quarter = quarter
        self.la_code = la_code
        self.result = Return(quarter)
        # Each person checked: (whether they may be returned, whether with a support reason).
        self.checked: dict[int, tuple[bool, bool]] = {}
        self.included: dict[int, Person] = {}
        self.without_reason: set[int] = set()

    def in_quarter(self, day: datetime.date | None) -> bool:
        return day is not None and self.quarter.start <= day <= self.quarter.end

    def problem(self, person: Person, what: str, *, record: UUID | None = None, blocking=True):
        self.result.problems.append(Problem(person, what, blocking, record))

    def person_may_be_returned(self, person: Person, *, request: bool) -> bool:
        """Checks what every row needs of the person, once: their date of birth, gender and
        ethnicity; for any event but a request, their primary support reason too."""
        if person.pk not in self.checked:
            answers = _answers(person)
            needed = []
            if person.date_of_birth is None:
                needed.append("Record their date of birth.")
            if not answers or not spec.gender(
                answers.sex, answers.gender_same_as_sex, answers.gender_identity
            ):
                needed.append(
                    "Record their sex and whether their gender is the same as their sex "
                    "registered at birth (either may be not known, or that they prefer not "
                    "to say)."
                )
            if not answers or not answers.ethnicity:
                needed.append(
                    "Record their ethnic group (or that it is not known, or that they "
                    "prefer not to say)."
                )
            for what in needed:
                self.problem(person, what)
            has_reason = bool(answers and answers.primary_support_reason)
            if not person.nhs_number and not needed:
                self.problem(
                    person,
                    "They have no NHS number: they are returned by their record's code alone. "
                    "Add their NHS number if they have one.",
                    blocking=False,
                )
            self.checked[person.pk] = (not needed, has_reason)
        may, has_reason = self.checked[person.pk]
        if not may:
            return False
        if not request and not has_reason:
            if person.pk not in self.without_reason:
                self.without_reason.add(person.pk)
                self.problem(
                    person,
                    "Record the main reason they need support (their primary support reason): "
                    "their assessments, services and reviews are not returned without it.",
                )
            return False
        return True

    def row(self, person: Person, client_type: str, **event: str) -> None:
        answers = _answers(person)
        assert answers is not None
        self.included[person.pk] = person
        row = dict.fromkeys(spec.COLUMNS, "")
        row.update(
            LA_Code=self.la_code,
            Reporting_Period_Start_Date=_date(self.quarter.start),
            Reporting_Period_End_Date=_date(self.quarter.end),
            NHS_Number=person.nhs_number,
            LA_Person_Unique_Identifier=str(person.code),
            First_Name=person.given_names,
            Last_Name=person.family_name,
            Gender=spec.gender(answers.sex, answers.gender_same_as_sex, answers.gender_identity),
            Ethnicity=spec.ETHNICITY[answers.ethnicity],
            Date_of_Birth=_date(person.date_of_birth),
            Date_of_Death=_date(person.died_on),
            Client_Type=client_type,
            Primary_Support_Reason=spec.PRIMARY_SUPPORT_REASON.get(
                answers.primary_support_reason, ""
            ),
            Postcode=person.postcode,
        )
        row.update(event)
        self.result.rows.append(row)

    # The events, one kind at a time.

    def request(self, person: Person, *, assessed: bool) -> None:
        if not self.person_may_be_returned(person, request=True):
            return
        closed_because: dict[str, str] = {
            Person.ClosedBecause.DIED: spec.Outcome.DECEASED,
            Person.ClosedBecause.MOVED_AWAY: spec.Outcome.MOVED,
            Person.ClosedBecause.NO_LONGER_NEEDED: spec.Outcome.OTHER,
            Person.ClosedBecause.OTHER: spec.Outcome.OTHER,
        }
        if assessed:
            outcome = spec.Outcome.TO_ASSESSMENT
        elif not person.is_open:
            outcome = closed_because.get(person.closed_because, spec.Outcome.OTHER)
        else:
            self.problem(
                person,
                f"Their first contact on {_day(person.first_contact_date)} has no outcome yet: "
                "it is returned once a conversation with them is signed off, or their record "
                "is closed.",
                blocking=False,
            )
            return
        self.row(
            person,
            spec.ClientType.SERVICE_USER,
            Event_Type=spec.EventType.REQUEST,
            Event_Reference=f"{person.code}/first-contact",
            Event_Start_Date=_date(person.first_contact_date),
            Event_End_Date=_date(person.first_contact_date),
            Event_Outcome=outcome,
            Request_Route_of_Access=spec.ROUTE_COMMUNITY_OTHER,
        )

    def completed_on(self, conversation: Conversation) -> datetime.date | None:
        """When an assessment or review was completed: its eligibility decision's date, or
        the day it was signed off; None when a decision was made without a date."""
        if conversation.eligible and conversation.kind != Conversation.Kind.REVIEW:
            return conversation.eligibility_decided_on
        assert conversation.signed_off_at is not None
        return timezone.localdate(conversation.signed_off_at)

    def assessment_or_review(self, conversation: Conversation) -> None:
        person = conversation.person
        done = self.completed_on(conversation)
        assert conversation.signed_off_at is not None
        signed_off = timezone.localdate(conversation.signed_off_at)
        if done is None:
            if self.in_quarter(signed_off):
                self.problem(
                    person,
                    f"Record the date of the eligibility decision in the conversation signed "
                    f"off on {_day(signed_off)}.",
                    record=conversation.code,
                )
            return
        if not self.in_quarter(done):
            return
        if conversation.date is None:
            self.problem(
                person,
                f"Record the date of the conversation signed off on {_day(signed_off)}.",
                record=conversation.code,
            )
            return
        if not self.person_may_be_returned(person, request=False):
            return
        if conversation.kind == Conversation.Kind.REVIEW:
            self.review(conversation, done)
        else:
            self.assessment(conversation, done)

    def assessment(self, conversation: Conversation, done: datetime.date) -> None:
        carers = conversation.kind == Conversation.Kind.CARERS
        if conversation.plan_review_date is not None:
            outcome = spec.Outcome.TO_SUPPORT_PLANNING
        elif conversation.eligible == Conversation.YesNo.NO:
            outcome = spec.Outcome.NO_SERVICES
        else:
            outcomes: dict[str, str] = {
                Conversation.Outcome.RESOLVED: spec.Outcome.SIGNPOSTING,
                Conversation.Outcome.REFERRED_ON: spec.Outcome.SIGNPOSTING,
                Conversation.Outcome.SAME_STAGE: spec.Outcome.TO_ASSESSMENT,
                Conversation.Outcome.MOVE_TO_STAGE_2: spec.Outcome.TO_ASSESSMENT,
                Conversation.Outcome.MOVE_TO_STAGE_3: spec.Outcome.TO_ASSESSMENT,
            }
            outcome = outcomes.get(conversation.outcome, spec.Outcome.OTHER)
        cared_for = conversation.cares_for
        self.row(
            conversation.person,
            spec.ClientType.UNPAID_CARER if carers else spec.ClientType.SERVICE_USER,
            Event_Type=spec.EventType.ASSESSMENT,
            Event_Reference=str(conversation.code),
            Event_Start_Date=_date(conversation.date),
            Event_End_Date=_date(done),
            Event_Outcome=outcome,
            Assessment_Type=(
                spec.AssessmentType.LONG_TERM
                if conversation.eligible
                else spec.AssessmentType.SHORT_TERM
            ),
            No_of_adults_being_cared_for="1" if carers and cared_for else "",
            Adult_1_Linked_Person_ID=str(cared_for.code) if carers and cared_for else "",
        )

    def review(self, conversation: Conversation, done: datetime.date) -> None:
        outcomes: dict[str, str] = {
            Conversation.PlanAfterReview.CONTINUES: spec.Outcome.CONTINUATION,
            Conversation.PlanAfterReview.CHANGES: spec.Outcome.TO_SUPPORT_PLANNING,
            Conversation.PlanAfterReview.ENDS: spec.Outcome.ENDED_AS_PLANNED,
        }
        outcome = outcomes.get(conversation.review_plan, spec.Outcome.OTHER)
        planned = conversation.review_was_due is not None
        self.row(
            conversation.person,
            spec.ClientType.SERVICE_USER,
            Event_Type=spec.EventType.REVIEW,
            Event_Reference=str(conversation.code),
            Event_Start_Date=_date(conversation.date),
            Event_End_Date=_date(done),
            Event_Outcome=outcome,
            Review_Reason=spec.REVIEW_PLANNED if planned else spec.REVIEW_UNPLANNED_OTHER,
            Method_of_Review=spec.METHOD_SERVICE_USER_ONLY,
        )

    def services(self, records: list[Conversation]) -> None:
        """`records`: one person's signed-off records that set or ended a plan, in the order
        they were signed off."""
        for index, plan in enumerate(records):
            if plan.plan_review_date is None or plan.eligible == Conversation.YesNo.NO:
                continue
            self.service(plan, records[index + 1 :])

    def service(self, plan: Conversation, later: list[Conversation]) -> None:
        person = plan.person
        assert plan.signed_off_at is not None
        agreed = timezone.localdate(plan.signed_off_at)
        if plan.plan_starts_on is None:
            if agreed <= self.quarter.end:
                self.problem(
                    person,
                    f"Record when the care and support plan agreed on {_day(agreed)} starts.",
                    record=plan.code,
                )
            return
        ended, outcome = None, spec.Outcome.CONTINUATION
        for record in later:
            if record.review_plan == Conversation.PlanAfterReview.ENDS:
                ended, outcome = record.date or agreed, spec.Outcome.ENDED_AS_PLANNED
                break
            if record.plan_review_date is not None:
                # A new plan replaces this one the day before it starts.
                starts = record.plan_starts_on or record.date or agreed
                ended = starts - datetime.timedelta(days=1)
                break
        if person.died_on and (ended is None or person.died_on < ended):
            ended, outcome = person.died_on, spec.Outcome.DECEASED
        if plan.plan_starts_on > self.quarter.end or (ended and ended < self.quarter.start):
            return
        if ended is not None and ended < plan.plan_starts_on:
            return  # replaced before it began: a cancelled service is not returned
        if not self.person_may_be_returned(person, request=False):
            return
        carers = plan.kind == Conversation.Kind.CARERS
        self.row(
            person,
            spec.ClientType.UNPAID_CARER if carers else spec.ClientType.SERVICE_USER,
            Event_Type=spec.EventType.SERVICE,
            Event_Reference=f"{plan.code}/plan",
            Event_Start_Date=_date(plan.plan_starts_on),
            Event_End_Date=_date(ended),
            Event_Outcome=outcome,
            Service_Type=spec.UNPAID_CARER_DIRECT if carers else spec.LONG_TERM_COMMUNITY,
            Adult_1_Linked_Person_ID=str(plan.cares_for.code) if carers and plan.cares_for else "",
        )


def client_level_return(quarter: Quarter, *, la_code: str = "") -> Return:
    """The return for `quarter`: its rows in the specification's columns, the people they are
    about, and what keeps any event out of it yet. `la_code` is the council's code."""
    builder = _Builder(quarter, la_code)
    start, end = quarter.start, quarter.end
    signed_off = Conversation.objects.filter(
        status=Conversation.Status.SIGNED_OFF, person__anonymised_on__isnull=True
    )
    people = Person.objects.filter(anonymised_on__isnull=True)
    related = ("person__team", "person__demographics", "cares_for")

    requests = (
        people.filter(first_contact_date__range=(start, end))
        .select_related("team", "demographics")
        .annotate(
            assessed=Exists(
                signed_off.filter(person=OuterRef("pk")).exclude(kind=Conversation.Kind.REVIEW)
            )
        )
    )
    for person in requests:
        builder.request(person, assessed=person.assessed)

    # Completed in the quarter on the decision's date, or on the day signed off; a day
    # either side of the quarter, so that the time zone never loses one.
    wide = (start - datetime.timedelta(days=1), end + datetime.timedelta(days=1))
    completed = signed_off.filter(
        Q(eligibility_decided_on__range=(start, end)) | Q(signed_off_at__date__range=wide)
    ).select_related(*related)
    for conversation in completed.order_by("signed_off_at", "pk"):
        builder.assessment_or_review(conversation)

    with_plans = signed_off.filter(plan_review_date__isnull=False, signed_off_at__date__lte=wide[1])
    affecting = (
        signed_off.filter(Q(plan_review_date__isnull=False) | ~Q(review_plan=""))
        .filter(person__in=with_plans.values("person"))
        .select_related(*related)
        .order_by("person_id", "signed_off_at", "pk")
    )
    by_person: dict[int, list[Conversation]] = defaultdict(list)
    for conversation in affecting:
        by_person[conversation.person_id].append(conversation)
    for records in by_person.values():
        builder.services(records)

    result = builder.result
    result.rows.sort(
        key=lambda row: (
            row["LA_Person_Unique_Identifier"],
            EVENT_ORDER[row["Event_Type"]],
            row["Event_Start_Date"],
            row["Event_Reference"],
        )
    )
    result.problems.sort(key=lambda problem: (problem.person.team.name, str(problem.person.code)))
    result.people = list(builder.included.values())
    return result
