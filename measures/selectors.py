"""The service measures a team lead watches, each counted in the database.

However many records there are, they take seven queries over the chosen teams and period.
The main one (`_counted`) goes through the teams' people once, counting each person's
conversations together from the index of their records by date, which carries what is
counted (the records themselves are not read); a person's latest outcome, network and
contributions are looked up only for the people seen in the period. The others read the
people whose first contact was in the period, the connections, the people whose plan's review
is overdue, the unpaid carers and the safeguarding concerns. "In the period" includes both its
first and last day; "people seen in the period" are those with a conversation dated in it.

They are read on the replica (`replica()`), kept for minutes anyway: each query
starts there, and its subqueries (`OuterRef`) go with it, in its SQL.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import BaseExpression
from django.utils import timezone

from accounts.models import Team
from community.models import Connection
from conversations.models import Conversation
from conversations.plans import review_due
from networks.models import NetworkMember
from people.models import Person
from reading.databases import replica
from safeguarding.models import SafeguardingConcern

Outcome = Conversation.Outcome
Stage = Conversation.Stage
# A person's latest outcome when it was a resolution, told apart by the stage it was reached at.
RESOLVED_AT_1, RESOLVED_AT_2 = "resolved at 1", "resolved at 2"
# Where a person's contribution is recorded.
WRITTEN, ELSEWHERE = "written", "elsewhere"


@dataclass
class Measure:
    slug: str
    title: str
    headline: str
    definition: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    charted: bool = True  # drawn as bars of the second column, with the table beneath


@dataclass(frozen=True)
class Period:
    teams: QuerySet[Team]
    start: datetime.date
    end: datetime.date

    def people(self) -> QuerySet[Person]:
        return Person.objects.using(replica()).filter(team__in=self.teams)


@dataclass(frozen=True)
class FirstContact:
    """A person whose first contact was in the period, and when what followed it first
    happened (None for what has not happened yet)."""

    on: datetime.date
    conversation: datetime.date | None
    decision: datetime.date | None
    plan: datetime.date | None


def service_measures(period: Period) -> list[Measure]:
    counts = _counted(period)
    contacts = _first_contacts(period)
    return [
        first_contacts(period, contacts),
        days_to_first_conversation(contacts),
        conversations_by_stage(counts),
        latest_outcomes(counts),
        stage_moves(counts),
        community_connections(period),
        contributions(counts),
        network_change(counts),
        days_to_decision_and_plan(contacts),
        decisions_by_outcome(counts),
        reviews_on_time(period, counts),
        carers_offered(period, counts),
        safeguarding_concerns(period),
    ]


def _conversation(**lookups) -> Q:
    """A condition on a person's conversations, in the conversation's own field names."""
    return Q(**{f"conversations__{name}": value for name, value in lookups.items()})


def _counted(period: Period) -> dict[str, int]:
    """The figures counted over the teams' people and their conversations, in one query:
    each person's conversations counted together, then the people. Totals of no one are 0."""
    in_period = _conversation(date__range=(period.start, period.end))
    signed_off = _conversation(status=Conversation.Status.SIGNED_OFF)
    # ("Is not null" first: false at once for the many records with no decision.)
    decided = (
        _conversation(
            eligibility_decided_on__isnull=False,
            eligibility_decided_on__range=(period.start, period.end),
        )
        & signed_off
    )
    eligible = _conversation(eligible=Conversation.YesNo.YES)
    carers = _conversation(kind=Conversation.Kind.CARERS)
    reviews = _conversation(kind=Conversation.Kind.REVIEW) & in_period & signed_off
    review_was_due = F("conversations__review_was_due")

    def counted(*conditions: Q) -> Count:
        # The condition false for the most conversations first: it is checked for every
        # conversation of every person, the others only while it holds.
        return Count("conversations", filter=reduce(and_, conditions))

    # Counts of conversations, each person's added up over the people.
    added_up = {
        **{f"stage_{stage}": counted(_conversation(stage=stage), in_period) for stage in Stage},
        "one_to_two": counted(_conversation(outcome=Outcome.MOVE_TO_STAGE_2, stage=1), in_period),
        "one_to_three": counted(_conversation(outcome=Outcome.MOVE_TO_STAGE_3, stage=1), in_period),
        "two_to_three": counted(_conversation(outcome=Outcome.MOVE_TO_STAGE_3, stage=2), in_period),
        "adults_yes": counted(decided, eligible, ~carers),
        "adults_no": counted(decided, ~eligible, ~carers),
        "carers_yes": counted(carers, decided, eligible),
        "carers_no": counted(carers, decided, ~eligible),
        "reviews": counted(reviews),
        "on_time": counted(reviews, _conversation(date__lte=review_was_due)),
        "late": counted(reviews, _conversation(date__gt=review_was_due)),
    }
    # Each person's own figures are "their_…", apart from the totals over the people.
    people = period.people().annotate(
        **{f"their_{name}": count for name, count in added_up.items()},
        their_in_period=counted(in_period),
        their_carers_conversations=counted(carers, in_period),
        their_stage_3_by_end=counted(
            _conversation(stage=Stage.GOOD_LIFE), _conversation(date__lte=period.end)
        ),
    )
    seen = Q(their_in_period__gt=0)
    # Looked up once a person, and only for the people seen: each is a condition on their
    # count of conversations, or a subquery on the person alone. (Anything else Django would
    # group by, and look up for each conversation of theirs.)
    people = people.annotate(
        their_latest=_if(seen, _latest_outcome(period), CharField()),
        their_contribution=_contribution_recorded(period, seen),
        their_network_then=_if(seen, _network_size_on(OuterRef("first_contact_date"))),
        their_network_now=_if(seen, _network_size_on(period.end)),
    )
    # Anyone who has had a conversation 3, or whose latest outcome was a move to it. ("Is not
    # null" spelled out: for someone with no outcome at all the comparison alone is null, and
    # so is its negation, which counted them nowhere.)
    went_on = Q(their_stage_3_by_end__gt=0) | Q(
        their_latest__isnull=False, their_latest=Outcome.MOVE_TO_STAGE_3
    )
    then, now = F("their_network_then"), F("their_network_now")
    counts = people.aggregate(
        **{name: Sum(f"their_{name}") for name in added_up},
        seen=Count("pk", filter=seen),
        resolved_1=Count("pk", filter=seen & Q(their_latest=RESOLVED_AT_1) & ~went_on),
        resolved_2=Count("pk", filter=seen & Q(their_latest=RESOLVED_AT_2) & ~went_on),
        went_on=Count("pk", filter=seen & went_on),
        no_outcome=Count("pk", filter=seen & Q(their_latest__isnull=True) & ~went_on),
        written=Count("pk", filter=Q(their_contribution=WRITTEN)),
        any=Count("pk", filter=Q(their_contribution__isnull=False)),
        network_then=Avg(then, filter=seen),
        network_now=Avg(now, filter=seen),
        grew=Count("pk", filter=seen & Q(their_network_now__gt=then)),
        same=Count("pk", filter=seen & Q(their_network_now=then)),
        shrank=Count("pk", filter=seen & Q(their_network_now__lt=then)),
        carers_held=Count("pk", filter=Q(their_carers_conversations__gt=0)),
    )
    return {name: count or 0 for name, count in counts.items()}


def _if(condition: Q, expression: BaseExpression, output_field=None, default=None) -> Case:
    """`expression` for the people who meet `condition` (and only looked up for them)."""
    return Case(When(condition, then=expression), default=Value(default), output_field=output_field)


def _latest_outcome(period: Period) -> Subquery:
    """The outcome of a person's latest conversation that has one, up to the end of the period;
    a resolution told apart by its stage, so that one look-up gives both."""
    latest = (
        Conversation.objects.filter(person=OuterRef("pk"), date__lte=period.end)
        .exclude(outcome="")
        .order_by("-date", "-created_at", "-pk")
    )
    resolved = Q(outcome=Outcome.RESOLVED)
    led = Case(
        When(resolved & Q(stage=Stage.LISTEN_AND_CONNECT), then=Value(RESOLVED_AT_1)),
        When(resolved & Q(stage=Stage.CRISIS), then=Value(RESOLVED_AT_2)),
        default=F("outcome"),
        output_field=CharField(),
    )
    return Subquery(latest.annotate(led=led).values("led")[:1])


def _contribution_recorded(period: Period, seen: Q) -> Case:
    """Where a seen person's contribution is recorded: written in a conversation up to the
    end of the period, or else elsewhere (to someone in their network, or to a community
    resource); None if nowhere. Each place is looked up only while none is found."""
    elsewhere = Exists(_gives()) | Exists(_contributes())
    return Case(
        When(seen & Exists(_written(period)), then=Value(WRITTEN)),
        When(seen & elsewhere, then=Value(ELSEWHERE)),
        default=None,
        output_field=CharField(),
    )


def _written(period: Period) -> QuerySet[Conversation]:
    """A person's conversations up to the end of the period with a contribution written."""
    up_to_end = Conversation.objects.filter(person=OuterRef("pk"), date__lte=period.end)
    return up_to_end.exclude(contributions="")


def _gives() -> QuerySet[NetworkMember]:
    return NetworkMember.objects.filter(person=OuterRef("pk")).exclude(person_gives="")


def _contributes() -> QuerySet[Connection]:
    return Connection.objects.filter(person=OuterRef("pk")).exclude(role=Connection.Role.RECEIVES)


def _network_size_on(day) -> Subquery:
    """How many were in a person's network on `day`."""
    members = NetworkMember.objects.filter(person=OuterRef("pk"), started_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    # A count with no grouping: 0 rather than nothing for a network of no one, without a
    # Coalesce (which the query of people would group by).
    count = Func(template="COUNT(*)", output_field=IntegerField())
    counted = members.order_by().annotate(count=count).values("count")
    return Subquery(counted, output_field=IntegerField())


def _first_contacts(period: Period) -> list[FirstContact]:
    """The people whose first contact was in the period, with their first conversation, and
    their first eligibility decision and plan starting in signed-off records: one row each."""
    signed_off = _conversation(status=Conversation.Status.SIGNED_OFF)
    planned = signed_off & _conversation(plan_review_date__isnull=False)
    firsts = (
        period.people()
        .filter(first_contact_date__range=(period.start, period.end))
        .annotate(
            first_conversation=Min("conversations__date"),
            first_decision=Min("conversations__eligibility_decided_on", filter=signed_off),
            first_plan=Min("conversations__plan_starts_on", filter=planned),
        )
        .order_by()
        .values_list("first_contact_date", "first_conversation", "first_decision", "first_plan")
    )
    return [FirstContact(*row) for row in firsts]


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def first_contacts(period: Period, contacts: list[FirstContact]) -> Measure:
    by_month = Counter(contact.on.replace(day=1) for contact in contacts)
    rows: list[list] = [[f"{month:%B %Y}", by_month[month]] for month in _months(period)]
    total = sum(row[1] for row in rows)
    return Measure(
        "first-contacts",
        "First contacts",
        f"{total} in the period",
        "People whose first contact with the service was in the period, by month.",
        ["Month", "First contacts"],
        rows,
    )


def days_to_first_conversation(contacts: list[FirstContact]) -> Measure:
    waits = _waits(contacts, "conversation")
    median = _median(waits)
    shown = f"{median:g} days" if median is not None else "No first conversations yet"
    return Measure(
        "days-to-first-conversation",
        "Days from first contact to first conversation",
        f"Median: {shown}",
        "For people whose first contact was in the period and who have had a conversation "
        "since: the days from first contact to their first conversation, middle value.",
        ["Measure", "Value"],
        [
            ["People with a first contact in the period", len(contacts)],
            ["Of them, people who have had a first conversation", len(waits)],
            [
                "Median days from first contact to first conversation",
                _shown_days(median),
            ],
        ],
        charted=False,
    )


def conversations_by_stage(counts: dict[str, int]) -> Measure:
    rows: list[list] = [[label, counts[f"stage_{stage}"]] for stage, label in Stage.choices]
    return Measure(
        "conversations-by-stage",
        "Conversations by stage",
        f"{sum(row[1] for row in rows)} conversations in the period",
        "Conversations dated in the period, by the stage of the Three Conversations.",
        ["Stage", "Conversations"],
        rows,
    )


def latest_outcomes(counts: dict[str, int]) -> Measure:
    total = counts["seen"]
    resolved_1, resolved_2, went_on, no_outcome = (
        counts[name] for name in ("resolved_1", "resolved_2", "went_on", "no_outcome")
    )
    other = total - resolved_1 - resolved_2 - went_on - no_outcome
    rows: list[list] = [
        ["Resolved at conversation 1", resolved_1],
        ["Resolved at conversation 2", resolved_2],
        ["Went on to conversation 3", went_on],
        ["Still in conversation 1 or 2, or connected to another service", other],
        ["No outcome recorded yet", no_outcome],
    ]
    resolved_early = share(resolved_1 + resolved_2, total)
    return Measure(
        "latest-outcomes",
        "Where people's conversations led",
        f"{resolved_early} resolved at conversation 1 or 2",
        "People seen in the period, by the outcome of their latest conversation that has one "
        "(up to the end of the period). Anyone who has had a conversation 3, or whose latest "
        "outcome was a move to it, went on to conversation 3.",
        ["Latest outcome", "People", "Share"],
        [[label, count, share(count, total)] for label, count in rows],
    )


def stage_moves(counts: dict[str, int]) -> Measure:
    rows: list[list] = [
        ["From conversation 1 to 2", counts["one_to_two"]],
        ["From conversation 1 to 3", counts["one_to_three"]],
        ["From conversation 2 to 3", counts["two_to_three"]],
    ]
    return Measure(
        "stage-moves",
        "Moves between stages",
        f"{sum(row[1] for row in rows)} moves in the period",
        "Conversations dated in the period whose outcome was a move to another stage.",
        ["Move", "Conversations"],
        rows,
    )


def community_connections(period: Period) -> Measure:
    # Each counted by its person (never empty): the index of connections by person answers it.
    # Made from the period's first midnight to the midnight after it, in local time: the same
    # as the date made being in the period, without working out the date of each connection.
    after_end = period.end + datetime.timedelta(days=1)
    made_in_period = Q(
        created_at__gte=timezone.make_aware(
            datetime.datetime.combine(period.start, datetime.time())
        ),
        created_at__lt=timezone.make_aware(datetime.datetime.combine(after_end, datetime.time())),
    )
    counts = (
        Connection.objects.using(replica())
        .filter(made_in_period, person__team__in=period.teams)
        .aggregate(
            made=Count("person"),
            attending=Count("person", filter=Q(status=Connection.Status.ATTENDING)),
            contributing=Count("person", filter=~Q(role=Connection.Role.RECEIVES)),
        )
    )
    made = counts["made"]
    return Measure(
        "community-connections",
        "Community connections",
        f"{made} made, {share(counts['attending'], made)} now attending",
        "Connections to community resources made in the period, and how many of them are "
        "attending now.",
        ["Connections", "Number", "Share"],
        [
            ["Made in the period", made, share(made, made)],
            ["Of them, now attending", counts["attending"], share(counts["attending"], made)],
            [
                "Of them, where the person contributes",
                counts["contributing"],
                share(counts["contributing"], made),
            ],
        ],
    )


def contributions(counts: dict[str, int]) -> Measure:
    total, written, any_ = counts["seen"], counts["written"], counts["any"]
    return Measure(
        "contributions",
        "Contributions recorded",
        f"{share(written, total)} with a contribution recorded",
        "People seen in the period with a contribution (what they give to others) written in "
        "a conversation; and with any contribution: in a conversation, to someone in their "
        "network, or to a community resource.",
        ["People seen in the period", "People", "Share"],
        [
            ["All", total, share(total, total)],
            ["With a contribution in a conversation", written, share(written, total)],
            ["With any contribution recorded", any_, share(any_, total)],
        ],
    )


def network_change(counts: dict[str, int]) -> Measure:
    total = counts["seen"]
    before, after = (f"{counts[name]:.1f}" for name in ("network_then", "network_now"))
    return Measure(
        "network-change",
        "Change in network size",
        f"Average {before} at first contact, {after} at the end of the period",
        "People seen in the period: the number in their network on the day of first contact "
        "and at the end of the period.",
        ["People seen in the period", "People", "Share"],
        [
            ["Network grew", counts["grew"], share(counts["grew"], total)],
            ["Network stayed the same size", counts["same"], share(counts["same"], total)],
            ["Network shrank", counts["shrank"], share(counts["shrank"], total)],
        ],
    )


def _waits(contacts: list[FirstContact], first: str) -> list[int]:
    """The days from first contact to the `first` of each person who has had one."""
    return [
        (day - contact.on).days
        for contact in contacts
        if (day := getattr(contact, first)) is not None
    ]


def _median(days: list[int]) -> float | None:
    """The middle value (of the two in the middle, their mean); None of no values."""
    ordered = sorted(days)
    middle = ordered[(len(ordered) - 1) // 2 : len(ordered) // 2 + 1]
    return sum(middle) / len(middle) if middle else None


def days_to_decision_and_plan(contacts: list[FirstContact]) -> Measure:
    decided, planned = _waits(contacts, "decision"), _waits(contacts, "plan")
    to_decision, to_plan = _median(decided), _median(planned)
    shown = f"{to_decision:g} days" if to_decision is not None else "No decisions yet"
    return Measure(
        "days-to-decision-and-plan",
        "Days from first contact to a decision, and to a plan starting",
        f"Median to an eligibility decision: {shown}",
        "For people whose first contact was in the period: the days from first contact to "
        "their first eligibility decision, and to the start of their first care and support "
        "plan, in signed-off records; middle values.",
        ["Measure", "Value"],
        [
            ["People with a first contact in the period who have had a decision", len(decided)],
            ["Median days to an eligibility decision", _shown_days(to_decision)],
            ["People with a first contact in the period whose plan has started", len(planned)],
            ["Median days to a plan starting", _shown_days(to_plan)],
        ],
        charted=False,
    )


def _shown_days(days: float | None) -> str:
    return "–" if days is None else f"{days:g}"


def decisions_by_outcome(counts: dict[str, int]) -> Measure:
    rows: list[list] = [
        ["Eligible", counts["adults_yes"]],
        ["Not eligible", counts["adults_no"]],
        ["Carers: eligible", counts["carers_yes"]],
        ["Carers: not eligible", counts["carers_no"]],
    ]
    total = sum(row[1] for row in rows)
    return Measure(
        "decisions",
        "Eligibility decisions",
        f"{total} decision{'s' if total != 1 else ''} in the period",
        "Eligibility decisions (Care Act 2014 s.13) made in the period, in signed-off records, "
        "by outcome; carers' decisions apart.",
        ["Decision", "Decisions", "Share"],
        [[label, count, share(count, total)] for label, count in rows],
    )


def reviews_on_time(period: Period, counts: dict[str, int]) -> Measure:
    total, on_time, late = counts["reviews"], counts["on_time"], counts["late"]
    unplanned = total - on_time - late
    # Only people with a record that set their plan's reviews are looked up: many have none.
    sets_reviews = Conversation.objects.filter(person=OuterRef("pk")).setting_reviews()
    overdue = (
        period.people()
        .filter(Exists(sets_reviews), status=Person.Status.OPEN)
        .annotate(due=review_due())
        .filter(due__lt=timezone.localdate())
        .count()
    )
    return Measure(
        "reviews",
        "Reviews of care and support plans",
        f"{share(on_time, total)} on time",
        "Reviews (Care Act 2014 s.27) held in the period, in signed-off records: on time when "
        "held on or before the date the plan was due for review. People whose review is "
        "overdue are counted as of today.",
        ["Reviews", "Number", "Share"],
        [
            ["On time", on_time, share(on_time, total)],
            ["Late", late, share(late, total)],
            ["With no review due before it", unplanned, share(unplanned, total)],
            ["People whose review is overdue today", overdue, "–"],
        ],
    )


def carers_offered(period: Period, counts: dict[str, int]) -> Measure:
    carers = NetworkMember.objects.using(replica()).filter(
        person__team__in=period.teams, unpaid_carer=True
    )
    offered = Q(carer_offered_on__range=(period.start, period.end))
    offer = NetworkMember.CarerOffer
    # Each counted by its person (never empty): the index of members by person answers it.
    carer_counts = carers.aggregate(
        offered=Count("person", filter=offered),
        accepted=Count("person", filter=offered & Q(carer_offer=offer.ACCEPTED)),
        declined=Count("person", filter=offered & Q(carer_offer=offer.DECLINED)),
        not_offered=Count("person", filter=Q(ended_on__isnull=True, carer_offered_on__isnull=True)),
    )
    return Measure(
        "carers",
        "Carers offered a conversation of their own",
        f"{carer_counts['offered']} offered, {carer_counts['accepted']} accepted",
        "Unpaid carers in people's networks offered a carer's conversation (Care Act 2014 "
        "s.10) in the period, and what they said; carers who had a conversation of their own "
        "in the period; and unpaid carers not yet offered one, as of today.",
        ["Carers", "Number"],
        [
            ["Offered a carer's conversation", carer_counts["offered"]],
            ["Accepted", carer_counts["accepted"]],
            ["Declined", carer_counts["declined"]],
            ["Had a carer's conversation", counts["carers_held"]],
            ["Not yet offered one", carer_counts["not_offered"]],
        ],
    )


def safeguarding_concerns(period: Period) -> Measure:
    concerns = SafeguardingConcern.objects.using(replica()).filter(person__team__in=period.teams)
    raised = concerns.filter(raised_on__range=(period.start, period.end))
    decision = SafeguardingConcern.Decision
    counts = raised.aggregate(
        raised=Count("pk"),
        enquiries=Count("pk", filter=Q(decision=decision.ENQUIRE)),
        no_enquiry=Count("pk", filter=Q(decision=decision.NO_ENQUIRY)),
        closed=Count("pk", filter=Q(closed_on__isnull=False)),
    )
    open_now = concerns.open().count()
    return Measure(
        "safeguarding",
        "Safeguarding concerns",
        f"{open_now} open today",
        "Safeguarding concerns (Care Act 2014 s.42) raised in the period, whether enquiries "
        "were decided on, and how many have been closed; and the concerns open today.",
        ["Concerns", "Number"],
        [
            ["Raised in the period", counts["raised"]],
            ["Of them, enquiries to be made", counts["enquiries"]],
            ["Of them, no enquiry", counts["no_enquiry"]],
            ["Of them, closed since", counts["closed"]],
            ["Open today, raised at any time", open_now],
        ],
    )


def _months(period: Period) -> list[datetime.date]:
    month, last = period.start.replace(day=1), period.end.replace(day=1)
    months = []
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months
