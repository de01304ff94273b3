"""The service measures as they were worked out before issue 20, each measure with queries
of its own: a copy of measures/selectors.py as it was then, for test_same_figures.py to hold
the new computation to, figure for figure. Nothing in the service uses it."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
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

    def conversations(self) -> QuerySet[Conversation]:
        return Conversation.objects.using(replica()).filter(
            person__team__in=self.teams, date__range=(self.start, self.end)
        )

    def people_seen(self) -> QuerySet[Person]:
        seen = Conversation.objects.filter(
            person=OuterRef("pk"), date__range=(self.start, self.end)
        )
        return self.people().filter(Exists(seen))


def service_measures(period: Period) -> list[Measure]:
    return [
        first_contacts(period),
        days_to_first_conversation(period),
        conversations_by_stage(period),
        latest_outcomes(period),
        stage_moves(period),
        community_connections(period),
        contributions(period),
        network_change(period),
        days_to_decision_and_plan(period),
        decisions_by_outcome(period),
        reviews_on_time(period),
        carers_offered(period),
        safeguarding_concerns(period),
    ]


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def first_contacts(period: Period) -> Measure:
    by_month = dict(
        period.people()
        .filter(first_contact_date__range=(period.start, period.end))
        .annotate(month=TruncMonth("first_contact_date"))
        .order_by()
        .values_list("month")
        .annotate(count=Count("pk"))
    )
    by_month = {_month_of(month): count for month, count in by_month.items()}
    rows = [[f"{month:%B %Y}", by_month.get(month, 0)] for month in _months(period)]
    total = sum(row[1] for row in rows)
    return Measure(
        "first-contacts",
        "First contacts",
        f"{total} in the period",
        "People whose first contact with the service was in the period, by month.",
        ["Month", "First contacts"],
        rows,
    )


def days_to_first_conversation(period: Period) -> Measure:
    waits = _waits_from_first_contact(period, Min("conversations__date"))
    contacts = period.people().filter(first_contact_date__range=(period.start, period.end))
    count, median = _median_wait(waits)
    shown = f"{median:g} days" if median is not None else "No first conversations yet"
    return Measure(
        "days-to-first-conversation",
        "Days from first contact to first conversation",
        f"Median: {shown}",
        "For people whose first contact was in the period and who have had a conversation "
        "since: the days from first contact to their first conversation, middle value.",
        ["Measure", "Value"],
        [
            ["People with a first contact in the period", contacts.count()],
            ["Of them, people who have had a first conversation", count],
            [
                "Median days from first contact to first conversation",
                _shown_days(median),
            ],
        ],
        charted=False,
    )


def conversations_by_stage(period: Period) -> Measure:
    counts = dict(period.conversations().order_by().values_list("stage").annotate(Count("pk")))
    rows = [[label, counts.get(stage, 0)] for stage, label in Stage.choices]
    return Measure(
        "conversations-by-stage",
        "Conversations by stage",
        f"{sum(row[1] for row in rows)} conversations in the period",
        "Conversations dated in the period, by the stage of the Three Conversations.",
        ["Stage", "Conversations"],
        rows,
    )


def latest_outcomes(period: Period) -> Measure:
    until_end = Conversation.objects.filter(person=OuterRef("pk"), date__lte=period.end)
    latest = until_end.exclude(outcome="").order_by("-date", "-created_at", "-pk")
    people = period.people_seen().annotate(
        latest_outcome=Subquery(latest.values("outcome")[:1]),
        latest_stage=Subquery(latest.values("stage")[:1]),
        reached_3=Exists(until_end.filter(stage=Stage.GOOD_LIFE)),
    )
    # "Is not null" spelled out: with no outcome, the comparison is null, and so its negation.
    went_on = Q(reached_3=True) | Q(
        latest_outcome__isnull=False, latest_outcome=Outcome.MOVE_TO_STAGE_3
    )
    resolved = Q(latest_outcome=Outcome.RESOLVED) & ~went_on
    counts = people.aggregate(
        total=Count("pk"),
        resolved_1=Count("pk", filter=resolved & Q(latest_stage=Stage.LISTEN_AND_CONNECT)),
        resolved_2=Count("pk", filter=resolved & Q(latest_stage=Stage.CRISIS)),
        went_on=Count("pk", filter=went_on),
        open=Count("pk", filter=Q(latest_outcome__isnull=True) & ~went_on),
    )
    total = counts["total"]
    other = total - counts["resolved_1"] - counts["resolved_2"] - counts["went_on"] - counts["open"]
    rows = [
        ["Resolved at conversation 1", counts["resolved_1"]],
        ["Resolved at conversation 2", counts["resolved_2"]],
        ["Went on to conversation 3", counts["went_on"]],
        ["Still in conversation 1 or 2, or connected to another service", other],
        ["No outcome recorded yet", counts["open"]],
    ]
    resolved_early = share(counts["resolved_1"] + counts["resolved_2"], total)
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


def stage_moves(period: Period) -> Measure:
    counts = period.conversations().aggregate(
        one_to_two=Count("pk", filter=Q(stage=1, outcome=Outcome.MOVE_TO_STAGE_2)),
        one_to_three=Count("pk", filter=Q(stage=1, outcome=Outcome.MOVE_TO_STAGE_3)),
        two_to_three=Count("pk", filter=Q(stage=2, outcome=Outcome.MOVE_TO_STAGE_3)),
    )
    rows = [
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
    counts = (
        Connection.objects.using(replica())
        .filter(person__team__in=period.teams, created_at__date__range=(period.start, period.end))
        .aggregate(
            made=Count("pk"),
            attending=Count("pk", filter=Q(status=Connection.Status.ATTENDING)),
            contributing=Count("pk", filter=~Q(role=Connection.Role.RECEIVES)),
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


def contributions(period: Period) -> Measure:
    written = Conversation.objects.filter(person=OuterRef("pk"), date__lte=period.end).exclude(
        contributions=""
    )
    gives = NetworkMember.objects.filter(person=OuterRef("pk")).exclude(person_gives="")
    contributes = Connection.objects.filter(person=OuterRef("pk")).exclude(
        role=Connection.Role.RECEIVES
    )
    counts = (
        period.people_seen()
        .annotate(in_writing=Exists(written), gives=Exists(gives), contributes=Exists(contributes))
        .aggregate(
            total=Count("pk"),
            written=Count("pk", filter=Q(in_writing=True)),
            any=Count("pk", filter=Q(in_writing=True) | Q(gives=True) | Q(contributes=True)),
        )
    )
    total = counts["total"]
    return Measure(
        "contributions",
        "Contributions recorded",
        f"{share(counts['written'], total)} with a contribution recorded",
        "People seen in the period with a contribution (what they give to others) written in "
        "a conversation; and with any contribution: in a conversation, to someone in their "
        "network, or to a community resource.",
        ["People seen in the period", "People", "Share"],
        [
            ["All", total, share(total, total)],
            [
                "With a contribution in a conversation",
                counts["written"],
                share(counts["written"], total),
            ],
            ["With any contribution recorded", counts["any"], share(counts["any"], total)],
        ],
    )


def network_change(period: Period) -> Measure:
    def size_on(day) -> Coalesce:
        members = NetworkMember.objects.filter(person=OuterRef("pk"), started_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day)
        )
        counted = members.order_by().values("person").annotate(count=Count("pk")).values("count")
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    people = period.people_seen().annotate(
        size_then=size_on(OuterRef("first_contact_date")), size_now=size_on(period.end)
    )
    counts = people.aggregate(
        total=Count("pk"),
        before=Avg("size_then"),
        after=Avg("size_now"),
        grew=Count("pk", filter=Q(size_now__gt=F("size_then"))),
        same=Count("pk", filter=Q(size_now=F("size_then"))),
        shrank=Count("pk", filter=Q(size_now__lt=F("size_then"))),
    )
    total = counts["total"]
    before, after = (f"{counts[name] or 0:.1f}" for name in ("before", "after"))
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


def _median_wait(waits: QuerySet) -> tuple[int, float | None]:
    """How many rows, and the median of their `wait` in days, without fetching every wait:
    the one or two in the middle, in order."""
    count = waits.count()
    ordered = waits.order_by("wait").values_list("wait", flat=True)
    middle = list(ordered[(count - 1) // 2 : count // 2 + 1]) if count else []
    median = sum(_days(wait) for wait in middle) / len(middle) if middle else None
    return count, median


def _waits_from_first_contact(period: Period, first: Min) -> QuerySet[Person]:
    """People whose first contact was in the period, with the days (`wait`) from it to the
    date `first` gives, where there is one."""
    return (
        period.people()
        .filter(first_contact_date__range=(period.start, period.end))
        .annotate(first=first)
        .filter(first__isnull=False)
        .annotate(wait=ExpressionWrapper(F("first") - F("first_contact_date"), DurationField()))
    )


def days_to_decision_and_plan(period: Period) -> Measure:
    signed_off = Q(conversations__status=Conversation.Status.SIGNED_OFF)
    waits = {
        "decision": _waits_from_first_contact(
            period, Min("conversations__eligibility_decided_on", filter=signed_off)
        ),
        "plan": _waits_from_first_contact(
            period,
            Min(
                "conversations__plan_starts_on",
                filter=signed_off & Q(conversations__plan_review_date__isnull=False),
            ),
        ),
    }
    (decided, to_decision), (planned, to_plan) = (_median_wait(w) for w in waits.values())
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
            ["People with a first contact in the period who have had a decision", decided],
            ["Median days to an eligibility decision", _shown_days(to_decision)],
            ["People with a first contact in the period whose plan has started", planned],
            ["Median days to a plan starting", _shown_days(to_plan)],
        ],
        charted=False,
    )


def _shown_days(days: float | None) -> str:
    return "–" if days is None else f"{days:g}"


def decisions_by_outcome(period: Period) -> Measure:
    decided = Conversation.objects.using(replica()).filter(
        person__team__in=period.teams,
        status=Conversation.Status.SIGNED_OFF,
        eligibility_decided_on__range=(period.start, period.end),
    )
    carers, eligible = Q(kind=Conversation.Kind.CARERS), Q(eligible=Conversation.YesNo.YES)
    # (Named apart from the model's fields, which the filters name.)
    counts = decided.aggregate(
        adults_yes=Count("pk", filter=eligible & ~carers),
        adults_no=Count("pk", filter=~eligible & ~carers),
        carers_yes=Count("pk", filter=eligible & carers),
        carers_no=Count("pk", filter=~eligible & carers),
    )
    rows = [
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


def reviews_on_time(period: Period) -> Measure:
    reviews = Conversation.objects.using(replica()).filter(
        person__team__in=period.teams,
        kind=Conversation.Kind.REVIEW,
        status=Conversation.Status.SIGNED_OFF,
        date__range=(period.start, period.end),
    )
    counts = reviews.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(date__lte=F("review_was_due"))),
        late=Count("pk", filter=Q(date__gt=F("review_was_due"))),
    )
    overdue = (
        period.people()
        .filter(status=Person.Status.OPEN)
        .annotate(due=review_due())
        .filter(due__lt=timezone.localdate())
        .count()
    )
    total = counts["total"]
    unplanned = total - counts["on_time"] - counts["late"]
    return Measure(
        "reviews",
        "Reviews of care and support plans",
        f"{share(counts['on_time'], total)} on time",
        "Reviews (Care Act 2014 s.27) held in the period, in signed-off records: on time when "
        "held on or before the date the plan was due for review. People whose review is "
        "overdue are counted as of today.",
        ["Reviews", "Number", "Share"],
        [
            ["On time", counts["on_time"], share(counts["on_time"], total)],
            ["Late", counts["late"], share(counts["late"], total)],
            ["With no review due before it", unplanned, share(unplanned, total)],
            ["People whose review is overdue today", overdue, "–"],
        ],
    )


def carers_offered(period: Period) -> Measure:
    carers = NetworkMember.objects.using(replica()).filter(
        person__team__in=period.teams, unpaid_carer=True
    )
    offered = carers.filter(carer_offered_on__range=(period.start, period.end))
    counts = offered.aggregate(
        offered=Count("pk"),
        accepted=Count("pk", filter=Q(carer_offer=NetworkMember.CarerOffer.ACCEPTED)),
        declined=Count("pk", filter=Q(carer_offer=NetworkMember.CarerOffer.DECLINED)),
    )
    not_offered = carers.filter(ended_on__isnull=True, carer_offered_on__isnull=True).count()
    held = (
        Conversation.objects.using(replica())
        .filter(
            person__team__in=period.teams,
            kind=Conversation.Kind.CARERS,
            date__range=(period.start, period.end),
        )
        .values("person")
        .distinct()
        .count()
    )
    return Measure(
        "carers",
        "Carers offered a conversation of their own",
        f"{counts['offered']} offered, {counts['accepted']} accepted",
        "Unpaid carers in people's networks offered a carer's conversation (Care Act 2014 "
        "s.10) in the period, and what they said; carers who had a conversation of their own "
        "in the period; and unpaid carers not yet offered one, as of today.",
        ["Carers", "Number"],
        [
            ["Offered a carer's conversation", counts["offered"]],
            ["Accepted", counts["accepted"]],
            ["Declined", counts["declined"]],
            ["Had a carer's conversation", held],
            ["Not yet offered one", not_offered],
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


def _month_of(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _days(wait) -> float:
    return wait.days if isinstance(wait, datetime.timedelta) else float(wait)
