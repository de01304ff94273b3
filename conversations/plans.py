"""A person's care and support plan and when it is next reviewed (Care Act 2014 s.27).

A plan is agreed in a conversation whose eligibility decision found eligible needs; a review
is a conversation of kind "review" that looks back at it and sets the next review, or ends
the plan. Only signed-off records count: the latest one that set a review date says when
the next review is due, so the date is read from the records, never kept apart from them.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.db.models.fields import DateField
from django.utils import timezone

from accounts.models import Team, User
from networks.models import NetworkMember
from people.models import Person

from .models import Conversation


def review_due(person_ref: str = "pk") -> Subquery:
    """An expression for a query of people (or of rows naming a person by `person_ref`): when
    their plan is next due for review, or null when they have no plan."""
    latest = Conversation.objects.filter(person=OuterRef(person_ref)).setting_reviews()
    return Subquery(latest.values("next_review")[:1], output_field=DateField())


def reviews_due(teams: QuerySet[Team], *, by: datetime.date) -> QuerySet[Person]:
    """Open people of `teams` whose care and support plan is due for review by `by` (overdue
    ones included), soonest first, each with `review_due`."""
    return (
        Person.objects.filter(team__in=teams, status=Person.Status.OPEN)
        .annotate(review_due=review_due())
        .filter(review_due__lte=by)
        .order_by("review_due", "pk")
    )


def plan_of(person: Person, *, besides: Conversation | None = None) -> Conversation | None:
    """The person's plan as it stands: their latest signed-off record with a plan (other than
    `besides`, a review looking back at it)."""
    plans = _plans(Conversation.objects.filter(person=person))
    if besides is not None:
        plans = plans.exclude(pk=besides.pk)
    return plans.first()


def _plans(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Those of `conversations` that agreed a plan and were signed off, latest first."""
    return conversations.filter(
        status=Conversation.Status.SIGNED_OFF, plan_review_date__isnull=False
    ).order_by("-signed_off_at", "-pk")


@dataclass
class CareAndSupport:
    """What the person's page shows of the council's decisions and of carers."""

    decision: Conversation | None  # the latest eligibility decision, in any state
    plan: Conversation | None  # the latest signed-off plan
    review_due: datetime.date | None
    carers_to_offer: list[NetworkMember]  # unpaid carers not yet offered a conversation
    carers: list[Person]  # carers with a conversation of their own about caring for them
    cares_for: list[Person]  # the people they care for, from their own carer's conversations

    @property
    def review_overdue(self) -> bool:
        return self.review_due is not None and self.review_due < timezone.localdate()

    @property
    def shown(self) -> list[Person]:
        """The other people the summary names, for the access log."""
        return [*self.carers, *self.cares_for]


def care_and_support(person: Person, user: User) -> CareAndSupport:
    """The person's latest decision and plan, when their plan is next reviewed, and the
    carers on either side of them (those named are only the people `user` may see). One
    query says which of them there are; the rows behind them are read only when there are
    some, so most people's pages ask once or twice."""
    conversations = Conversation.objects.filter(person=OuterRef("pk"))
    carers_conversations = Conversation.objects.filter(kind=Conversation.Kind.CARERS)
    unpaid_carers = person.network_members.filter(unpaid_carer=True, ended_on=None)
    found = (
        Person.objects.filter(pk=person.pk)
        .order_by()
        .values(
            due=review_due(),
            decision_pk=Subquery(
                conversations.exclude(eligible="").order_by("-date", "-pk").values("pk")[:1]
            ),
            plan_pk=Subquery(_plans(conversations).values("pk")[:1]),
            has_unpaid_carers=Exists(unpaid_carers),
            has_carers=Exists(carers_conversations.filter(cares_for=OuterRef("pk"))),
            cares_for_someone=Exists(carers_conversations.filter(person=OuterRef("pk"))),
        )
        .get()
    )
    # The summary shows these few of a conversation's 108 fields.
    records = Conversation.objects.only(
        "code", "status", "date", "eligible", "eligibility_decided_on", "plan_starts_on"
    ).in_bulk([pk for pk in (found["decision_pk"], found["plan_pk"]) if pk])
    care = CareAndSupport(
        decision=records.get(found["decision_pk"]),
        plan=records.get(found["plan_pk"]),
        review_due=found["due"],
        carers_to_offer=[],
        carers=[],
        cares_for=[],
    )
    if found["has_unpaid_carers"]:
        care.carers_to_offer = [member for member in unpaid_carers if member.carer_to_offer]
    if found["has_carers"]:
        their_carers = carers_conversations.filter(cares_for=person).values("person")
        care.carers = list(_named(user).filter(pk__in=their_carers))
    if found["cares_for_someone"]:
        cared_for = carers_conversations.filter(person=person).values("cares_for")
        care.cares_for = list(_named(user).filter(pk__in=cared_for))
    return care


def _named(user: User) -> QuerySet[Person]:
    """The people `user` may see, with what a link to them shows."""
    return Person.objects.visible_to(user).only(
        "code", "preferred_name", "given_names", "family_name"
    )
