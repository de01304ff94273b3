"""What each role's home page summarises, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.access import person_scope, teams_led_by
from accounts.models import User
from community.models import CommunityResource
from community.selectors import DirectoryImport, last_import
from conversations.models import Conversation
from conversations.plans import reviews_due
from conversations.selectors import not_seen_since
from people.models import Person
from second_factor.requirement import without_second_factor

SHOWN = 5  # of each list, the first few; the page it comes from has them all
NOT_SEEN_WEEKS = 6  # as the caseload starts


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
        stale_after_months=months,
        last_import=last_import(),
        leavers_with_people=list(leavers_with_people()[:SHOWN]),
        without_second_factor=without_second_factor(),
    )
