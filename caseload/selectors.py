"""The team caseload a lead oversees, counted in the database: a few grouped queries
whatever the size of the team."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from accounts.access import practitioners_of
from accounts.models import Team, User
from conversations.models import Action, Conversation
from conversations.plans import review_due
from people.models import Person
from safeguarding.selectors import has_open_concern, with_open_concern


@dataclass
class PractitionerLoad:
    practitioner: User | None  # None: people allocated to no one
    open_people: int = 0
    drafts: int = 0
    returned: int = 0
    actions_overdue: int = 0
    reviews_overdue: int = 0
    not_seen: int = 0


def not_seen_since(teams: QuerySet[Team], cutoff: datetime.date) -> QuerySet[Person]:
    """Open people of `teams` with no conversation dated on or after `cutoff`, longest first."""
    # "No recent conversation" as NOT EXISTS, and the last one's date by subquery: each
    # reads the index of a person's conversations by date, not all the team's conversations.
    conversations = Conversation.objects.filter(person=OuterRef("pk"))
    latest = conversations.exclude(date=None).order_by("-date").values("date")[:1]
    return (
        Person.objects.filter(team__in=teams, status=Person.Status.OPEN)
        .filter(~Exists(conversations.filter(date__gte=cutoff)))
        .annotate(last_conversation=Subquery(latest), safeguarding_open=has_open_concern())
        .order_by(F("last_conversation").asc(nulls_first=True), "first_contact_date", "pk")
    )


def safeguarding_open(teams: QuerySet[Team]) -> QuerySet[Person]:
    """People of `teams` with a safeguarding concern still open, by name."""
    people = Person.objects.filter(team__in=teams).order_by("family_name", "given_names", "pk")
    return with_open_concern(people)


def reviews_due(teams: QuerySet[Team], *, by: datetime.date) -> QuerySet[Person]:
    """Open people of `teams` whose care and support plan is due for review by `by` (overdue
    ones included), soonest first, each with `review_due`."""
    return (
        Person.objects.filter(team__in=teams, status=Person.Status.OPEN)
        .annotate(review_due=review_due())
        .filter(review_due__lte=by)
        .order_by("review_due", "pk")
    )


def caseload(teams: QuerySet[Team], *, weeks: int) -> list[PractitionerLoad]:
    """For each practitioner of `teams` (and for no one), what they hold in those teams."""
    cutoff = timezone.localdate() - datetime.timedelta(weeks=weeks)
    people = Person.objects.filter(team__in=teams, status=Person.Status.OPEN)
    conversations = Conversation.objects.filter(
        person__team__in=teams, status=Conversation.Status.DRAFT
    )
    counts = {
        "open_people": _by(people, "practitioner"),
        "not_seen": _by(not_seen_since(teams, cutoff), "practitioner"),
        "drafts": _by(conversations, "practitioner"),
        "returned": _by(conversations.filter(reviewed_by__isnull=False), "practitioner"),
        "actions_overdue": _by(
            Action.objects.open().filter(
                conversation__person__team__in=teams, due__lt=timezone.localdate()
            ),
            "conversation__practitioner",
        ),
        "reviews_overdue": _by(
            reviews_due(teams, by=timezone.localdate() - datetime.timedelta(days=1)),
            "practitioner",
        ),
    }
    loads = [PractitionerLoad(user) for user in practitioners_of(teams)]
    loads.append(PractitionerLoad(None))
    for load in loads:
        key = load.practitioner.pk if load.practitioner else None
        for name, by_practitioner in counts.items():
            setattr(load, name, by_practitioner.get(key, 0))
    return loads


def _by(rows: QuerySet, field: str) -> dict[int | None, int]:
    """How many rows for each value of `field`, counted in one grouped query."""
    grouped = rows.order_by().values(field).annotate(count=Count("pk", distinct=True))
    return {row[field]: row["count"] for row in grouped}
