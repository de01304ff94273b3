"""The team caseload a lead oversees, counted in the database: a few grouped queries
whatever the size of the team."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.access import practitioners_of
from accounts.models import Team, User
from conversations.models import Action, Conversation
from conversations.plans import reviews_due
from conversations.selectors import not_seen_since
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
            Action.objects.to_remind().filter(
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
