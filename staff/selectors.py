"""Reads of staff and teams for the account pages, each in a fixed number of queries."""

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import Role, Team, User
from people.models import Person


def staff_search(query: str = "") -> QuerySet[User]:
    """Staff whose name or email contains every word of `query`, active first, by name."""
    staff = User.objects.prefetch_related("teams", "groups")
    for word in query.split():
        staff = staff.filter(Q(full_name__icontains=word) | Q(email__icontains=word))
    return staff.order_by("-is_active", "full_name", "pk")


def teams_listed() -> QuerySet[Team]:
    """Every team, open ones first, with its active members and open people counted and
    its active leads (as `leads`)."""
    open_people = (
        Person.objects.filter(team=OuterRef("pk"), status=Person.Status.OPEN)
        .order_by()
        .values("team")
        .annotate(count=Count("pk"))
        .values("count")
    )
    leads = User.objects.filter(is_active=True, groups__name=Role.TEAM_LEAD.group_name).order_by(
        "full_name"
    )
    return (
        Team.objects.annotate(
            active_members=Count("members", filter=Q(members__is_active=True), distinct=True),
            open_people=Coalesce(Subquery(open_people, output_field=IntegerField()), 0),
        )
        .prefetch_related(Prefetch("members", queryset=leads, to_attr="leads"))
        .order_by(F("closed_on").asc(nulls_first=True), "name")
    )
