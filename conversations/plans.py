"""A person's care and support plan and when it is next reviewed (Care Act 2014 s.27).

A plan is agreed in a conversation whose eligibility decision found eligible needs; a review
is a conversation of kind "review" that looks back at it and sets the next review, or ends
the plan. Only signed-off records count: the latest one that set a review date says when
the next review is due, so the date is read from the records, never kept apart from them.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery
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
    plans = Conversation.objects.filter(
        person=person, status=Conversation.Status.SIGNED_OFF, plan_review_date__isnull=False
    )
    if besides is not None:
        plans = plans.exclude(pk=besides.pk)
    return plans.order_by("-signed_off_at", "-pk").first()


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
    carers on either side of them, in a fixed number of queries (those named are only the
    people `user` may see)."""
    conversations = Conversation.objects.filter(person=person)
    carers_conversations = Conversation.objects.filter(kind=Conversation.Kind.CARERS)
    visible = Person.objects.visible_to(user)
    due = Person.objects.filter(pk=person.pk).annotate(due=review_due()).values("due")
    return CareAndSupport(
        decision=conversations.exclude(eligible="").order_by("-date", "-pk").first(),
        plan=plan_of(person),
        review_due=due[0]["due"] if due else None,
        carers_to_offer=[
            member
            for member in person.network_members.filter(unpaid_carer=True, ended_on=None)
            if member.carer_to_offer
        ],
        carers=list(
            visible.filter(pk__in=carers_conversations.filter(cares_for=person).values("person"))
        ),
        cares_for=list(
            visible.filter(pk__in=carers_conversations.filter(person=person).values("cares_for"))
        ),
    )
