"""The service measures a team lead watches, each counted in the database.

Every measure is a few aggregate queries over the chosen teams and period,
however many records there are. "In the period" includes both its first and
last day; "people seen in the period" are those with a conversation dated in it.
"""

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

from accounts.models import Team
from community.models import Connection
from conversations.models import Conversation
from networks.models import NetworkMember
from people.models import Person

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
        return Person.objects.filter(team__in=self.teams)

    def conversations(self) -> QuerySet[Conversation]:
        return Conversation.objects.filter(
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
    waits = (
        period.people()
        .filter(first_contact_date__range=(period.start, period.end))
        .annotate(first=Min("conversations__date"))
        .filter(first__isnull=False)
        .annotate(wait=ExpressionWrapper(F("first") - F("first_contact_date"), DurationField()))
    )
    contacts = period.people().filter(first_contact_date__range=(period.start, period.end))
    count = waits.count()
    # The median without fetching every wait: the one or two in the middle, in order.
    ordered = waits.order_by("wait").values_list("wait", flat=True)
    middle = list(ordered[(count - 1) // 2 : count // 2 + 1]) if count else []
    median = sum(_days(wait) for wait in middle) / len(middle) if middle else None
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
                "–" if median is None else f"{median:g}",
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
    went_on = Q(reached_3=True) | Q(latest_outcome=Outcome.MOVE_TO_STAGE_3)
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
    counts = Connection.objects.filter(
        person__team__in=period.teams, created_at__date__range=(period.start, period.end)
    ).aggregate(
        made=Count("pk"),
        attending=Count("pk", filter=Q(status=Connection.Status.ATTENDING)),
        contributing=Count("pk", filter=~Q(role=Connection.Role.RECEIVES)),
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
