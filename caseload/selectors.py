"""The team caseload a lead oversees, counted in the database: a few grouped queries
whatever the size of the team."""

import datetime
from dataclasses import dataclass, fields

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from accounts.access import person_scope, practitioners_of
from accounts.models import Team, User
from conversations.models import Action, Conversation
from conversations.plans import review_due
from conversations.selectors import seen_since
from people.models import Person
from safeguarding.selectors import with_open_concern


@dataclass
class PractitionerLoad:
    practitioner: User | None  # None: people allocated to no one
    open_people: int = 0
    drafts: int = 0
    returned: int = 0
    actions_overdue: int = 0
    reviews_overdue: int = 0
    not_seen: int = 0


FIGURES = {field.name for field in fields(PractitionerLoad)} - {"practitioner"}


def safeguarding_open(teams: QuerySet[Team]) -> QuerySet[Person]:
    """People of `teams` with a safeguarding concern still open, by name."""
    people = Person.objects.filter(team__in=teams).order_by("family_name", "given_names", "pk")
    return with_open_concern(people)


def to_reallocate(teams: QuerySet[Team]) -> QuerySet[Person]:
    """Open people of `teams` allocated to someone who has left (their account deactivated)
    or has moved out of the person's team, by name: they need another practitioner."""
    still_in_team = User.teams.through.objects.filter(
        user=OuterRef("practitioner"), team=OuterRef("team")
    )
    return (
        Person.objects.filter(team__in=teams, status=Person.Status.OPEN, practitioner__isnull=False)
        .filter(Q(practitioner__is_active=False) | ~Exists(still_in_team))
        .order_by("family_name", "given_names", "pk")
    )


@dataclass
class Caseload:
    loads: list[PractitionerLoad]
    not_seen_listed: int  # how many of those not seen the lead may open, and so sees listed


@dataclass(frozen=True)
class Counted:
    """What `counted` finds, as plain numbers (so that it may be kept in the cache): rows of
    a practitioner's id (or None) and some of their figures."""

    rows: list[dict[str, int | None]]
    not_seen_listed: int


def counted(teams: QuerySet[Team], *, weeks: int, user: User) -> Counted:
    """For each practitioner of `teams` (and for no one), what they hold in those teams, in
    three grouped queries whatever the size of the teams: their open people, drafts and open
    actions. The figures count everyone, restricted records too; beside them, how many of the
    people not seen `user` may open, for the list of them."""
    today = timezone.localdate()
    cutoff = today - datetime.timedelta(weeks=weeks)
    people = list(
        Person.objects.filter(team__in=teams, status=Person.Status.OPEN)
        .alias(review_due=review_due())
        .annotate(listed=ExpressionWrapper(person_scope(user), output_field=BooleanField()))
        .values("practitioner", "listed")
        .annotate(
            open_people=Count("pk"),
            not_seen=Count("pk", filter=~seen_since(cutoff)),
            reviews_overdue=Count(
                "pk", filter=Q(review_due__lte=today - datetime.timedelta(days=1))
            ),
        )
        .order_by()
    )
    drafts = list(
        Conversation.objects.filter(person__team__in=teams, status=Conversation.Status.DRAFT)
        .values("practitioner")
        .annotate(drafts=Count("pk"), returned=Count("pk", filter=Q(reviewed_by__isnull=False)))
        .order_by()
    )
    actions = list(
        Action.objects.to_remind()
        .filter(conversation__person__team__in=teams, due__lt=today)
        .values(practitioner=F("conversation__practitioner"))
        .annotate(actions_overdue=Count("pk"))
        .order_by()
    )
    listed = sum(row["not_seen"] for row in people if row["listed"])
    rows = [{k: v for k, v in row.items() if k != "listed"} for row in people]
    return Counted([*rows, *drafts, *actions], not_seen_listed=listed)


def caseload(teams: QuerySet[Team], found: Counted) -> Caseload:
    """The figures `found` for each practitioner of `teams` now, and for no one."""
    loads: dict[int | None, PractitionerLoad] = {
        staff.pk: PractitionerLoad(staff) for staff in practitioners_of(teams)
    }
    loads[None] = PractitionerLoad(None)
    for row in found.rows:
        load = loads.get(row["practitioner"])
        if load is None:  # someone who has left these teams: their people are to reallocate
            continue
        for name in FIGURES & row.keys():
            setattr(load, name, getattr(load, name) + row[name])
    return Caseload(list(loads.values()), not_seen_listed=found.not_seen_listed)
