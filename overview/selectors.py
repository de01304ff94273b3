"""What each role's home page summarises, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Window,
)
from django.utils import timezone

from accounts.access import emergency_access_now, person_scope, teams_led_by
from accounts.models import Restriction, User
from community.models import CommunityResource
from community.selectors import DirectoryImport, last_import, resources_reported
from conversations.models import Action, Conversation
from conversations.plans import review_due, reviews_due
from conversations.selectors import not_seen_since
from moving_in.models import PreviousRecord
from people.models import Person
from safeguarding.selectors import has_open_concern
from second_factor.requirement import without_second_factor

SHOWN = 5  # of each list, the first few; the page it comes from has them all
NOT_SEEN_WEEKS = 6  # as the caseload starts
ACTIONS_DUE_WITHIN_DAYS = 14

# What the lists of a practitioner's people, drafts, actions and reviews show of each row.
PERSON_SHOWN = ["code", "preferred_name", "given_names", "family_name"]
M = TypeVar("M", bound=Model)


@dataclass
class FirstFew(Generic[M]):
    """The first rows of a list, and how many it holds in all."""

    rows: list[M]
    count: int

    @property
    def more(self) -> bool:
        return self.count > len(self.rows)


def first_few(rows: QuerySet[M], size: int) -> FirstFew[M]:
    """The first `size` of `rows` and their count, in one query (a window count beside them)."""
    found = list(rows.annotate(count_of_all=Window(Count("pk")))[:size])
    return FirstFew(found, found[0].count_of_all if found else 0)


def my_people(user: User) -> QuerySet[Person]:
    """The open people allocated to `user`."""
    return Person.objects.visible_to(user).filter(practitioner=user, status=Person.Status.OPEN)


def by_name(people: QuerySet[Person]) -> QuerySet[Person]:
    """`people` by name, with what the table of them shows."""
    shown = [*PERSON_SHOWN, "date_of_birth", "postcode", "first_contact_date", "status"]
    return (
        people.select_related("team")
        .only(*shown, "team__name")
        .order_by("family_name", "given_names", "pk")
    )


def my_drafts(user: User) -> QuerySet[Conversation]:
    """The drafts `user` is writing, newest first; a returned one says who returned it, why."""
    shown = [
        "code",
        "stage",
        "date",
        "review_comment",
        "reviewed_by__full_name",
        "reviewed_by__email",
    ]
    return (
        Conversation.objects.visible_to(user)
        .filter(practitioner=user, status=Conversation.Status.DRAFT)
        .select_related("person", "reviewed_by")
        .only(*shown, *(f"person__{name}" for name in PERSON_SHOWN))
        .order_by("-date", "-created_at", "-pk")
    )


def my_actions_due(user: User) -> QuerySet[Action]:
    """Open actions in `user`'s conversations, overdue or due within
    ACTIONS_DUE_WITHIN_DAYS, soonest first."""
    due_soon = timezone.localdate() + datetime.timedelta(days=ACTIONS_DUE_WITHIN_DAYS)
    shown = ["code", "what", "who", "who_name", "due", "done", "member__name"]
    theirs = Conversation.objects.filter(practitioner=user).order_by().values("pk")
    return (
        Action.objects.visible_to(user)
        .to_remind()
        .filter(_of_conversations(theirs), due__lte=due_soon)
        .select_related("conversation__person", "member")
        .only(*shown, *(f"conversation__person__{name}" for name in PERSON_SHOWN))
        .order_by("due", "pk")
    )


def _of_conversations(conversations: QuerySet) -> Q | Func:
    """A filter on actions agreed in `conversations`. PostgreSQL plans IN (subquery) as a join
    and, seeing a practitioner's thousands of conversations, reads every open action due in
    the service or starts parallel workers (12-70 ms at scale); given the ids as an array, it
    looks up each conversation's open actions in open_actions_by_conversation (about 3 ms)."""
    if connection.vendor != "postgresql":
        return Q(conversation__in=conversations)
    from django.contrib.postgres.expressions import ArraySubquery

    return Func(
        F("conversation_id"),
        ArraySubquery(conversations),
        template="%(expressions)s)",
        arg_joiner=" = ANY(",
        output_field=BooleanField(),
    )


def reviews_due_of(people: QuerySet[Person]) -> QuerySet[Person]:
    """Those of `people` whose care and support plan is overdue for review or due within
    REVIEWS_DUE_DAYS_AHEAD, soonest first, each with `review_due`."""
    soon = timezone.localdate() + datetime.timedelta(days=settings.REVIEWS_DUE_DAYS_AHEAD)
    return (
        people.only(*PERSON_SHOWN)
        .annotate(review_due=review_due())
        .filter(review_due__lte=soon)
        .order_by("review_due", "pk")
    )


@dataclass
class LeadHome:
    waiting: list[Conversation]
    waiting_count: int
    reviews_overdue: list[Person]
    reviews_overdue_count: int
    not_seen_count: int
    not_seen_weeks: int = NOT_SEEN_WEEKS

    @property
    def shown(self) -> list[Person]:
        return [*(record.person for record in self.waiting), *self.reviews_overdue]


def lead_home(user: User) -> LeadHome:
    """Records waiting for the lead's review, plans overdue for review and people not seen,
    in the teams they lead."""
    teams = teams_led_by(user)
    waiting = Conversation.objects.to_review_by(user).select_related("person", "practitioner")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    overdue = (
        reviews_due(teams, by=yesterday).filter(person_scope(user)).select_related("practitioner")
    )
    cutoff = timezone.localdate() - datetime.timedelta(weeks=NOT_SEEN_WEEKS)
    return LeadHome(
        waiting=list(waiting[:SHOWN]),
        waiting_count=waiting.count(),
        reviews_overdue=list(overdue[:SHOWN]),
        reviews_overdue_count=overdue.count(),
        not_seen_count=not_seen_since(teams, cutoff).count(),
    )


@dataclass
class AdministratorHome:
    resources_to_review: int
    resources_reported: int
    stale_after_months: int
    last_import: DirectoryImport | None
    leavers_with_people: list[User] = field(default_factory=list)
    without_second_factor: list[User] = field(default_factory=list)


def leavers_with_people() -> QuerySet[User]:
    """Staff no longer active who still have open people allocated to them."""
    theirs = Person.objects.filter(practitioner=OuterRef("pk"), status=Person.Status.OPEN)
    return User.objects.filter(is_active=False).filter(Exists(theirs)).order_by("full_name")


def administrator_home() -> AdministratorHome:
    """What waits for the administrators: resources to check, the last directory import, and
    accounts that need attention."""
    months = settings.RESOURCE_STALE_AFTER_MONTHS
    return AdministratorHome(
        resources_to_review=CommunityResource.objects.stale(months=months).count(),
        resources_reported=resources_reported().count(),
        stale_after_months=months,
        last_import=last_import(),
        leavers_with_people=list(leavers_with_people()[:SHOWN]),
        without_second_factor=without_second_factor(),
    )


@dataclass
class OnPersonPage:
    """Which of the parts of a person's page shown only when there is something to show
    have something: their rows are read only then (most people's pages have none)."""

    restriction: bool
    emergency_access: bool
    open_concern: bool
    previous_record: bool


def on_person_page(person: Person, user: User) -> OnPersonPage:
    """What there is of the person's page's banners and of their previous record, in one
    query."""
    found = (
        Person.objects.filter(pk=person.pk)
        .order_by()
        .values(
            in_force=Exists(Restriction.objects.in_force().filter(person=OuterRef("pk"))),
            accessed=Exists(emergency_access_now(user).filter(person=OuterRef("pk"))),
            concern=has_open_concern(),
            moved_in=Exists(PreviousRecord.objects.filter(person=OuterRef("pk"))),
        )
        .get()
    )
    return OnPersonPage(
        restriction=found["in_force"],
        emergency_access=found["accessed"],
        open_concern=found["concern"],
        previous_record=found["moved_in"],
    )
