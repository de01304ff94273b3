"""The one rule that decides which people a user may see.

Every model that holds a person's data offers `objects.visible_to(user)`,
built on `person_scope`; views fetch through it, so a record out of scope
answers 404, never 403.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import EmergencyAccess, Restriction, Team, User


def teams_visible_to(user: User) -> QuerySet[Team]:
    """Practitioners and team leads see the people of their own teams; no one else does."""
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    if not user.has_perm("accounts.work_with_people"):
        return Team.objects.none()
    return Team.objects.filter(members=user)


def person_scope(user: User, via: str = "") -> Q:
    """A filter on a person (or, through `via`, on a row about a person) for `user`: the
    people of their own teams, and anyone they have emergency access to now (given for a
    reason, for EMERGENCY_ACCESS_MINUTES; to a restricted record, once information
    governance approves it). A restricted record of their teams is theirs only when the
    restriction names them.

    `via` is the lookup path from the queried model to the person, such as
    "person" for a conversation. Out of scope, the filter matches nothing.
    """
    prefix = f"{via}__" if via else ""
    scope = _team_scope(user, prefix)
    if not user.is_authenticated or not user.works_with_people:
        return scope
    return scope | Q(**{f"{prefix}pk__in": emergency_access_now(user).values("person")})


def emergency_access_now(user: User) -> "QuerySet[EmergencyAccess]":
    """`user`'s emergency accesses open now: unexpired, and approved when they wait for it."""
    return EmergencyAccess.objects.filter(
        Q(needs_approval=False) | Q(approved=True), user=user, expires_at__gt=timezone.now()
    )


def restricted_from(user: User) -> "QuerySet[Restriction]":
    """The restrictions in force that do not name `user`: the people behind them are not
    `user`'s to open, list or find, whatever their team."""
    restrictions = Restriction.objects.in_force()
    if not user.is_authenticated:
        return restrictions
    return restrictions.exclude(named_staff=user)


def _team_scope(user: User, prefix: str = "") -> Q:
    # Emergency access opens a record to read and work on; it never widens whose records
    # a user reviews, audits or exports, which go by their own teams only. A restricted
    # record is out of every team's scope but for the staff it names.
    return Q(**{f"{prefix}team__in": teams_visible_to(user).values("pk")}) & ~Q(
        **{f"{prefix}pk__in": restricted_from(user).values("person")}
    )


def teams_led_by(user: User) -> QuerySet[Team]:
    """The teams whose records, caseload and measures a team lead oversees."""
    if not user.is_authenticated or not user.reviews_records:
        return Team.objects.none()
    return teams_visible_to(user)


def practitioners_of(teams: Iterable[Team]) -> QuerySet[User]:
    """Active staff of `teams` who work with people (and so may be allocated them)."""
    return (
        User.objects.filter(
            teams__in=teams, is_active=True, groups__permissions__codename="work_with_people"
        )
        .distinct()
        .order_by("full_name")
    )


def practitioners_led_by(user: User) -> QuerySet[User]:
    """The staff of the teams `user` leads, the lead excluded."""
    return practitioners_of(teams_led_by(user)).exclude(pk=user.pk)


def supervision_scope(user: User) -> Q:
    """Supervision notes are seen by the lead who wrote them and the practitioner they are
    about; one linked to a person, only while they may see that person too."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return (Q(lead=user) | Q(practitioner=user)) & _about_no_one_or_seen(user)


def reflection_scope(user: User) -> Q:
    """Reflective notes are their author's own. A lead of one of the author's teams reads one
    once the author has shared it; no one else ever does. A note about a person is that
    person's data too, so it is read only while the reader may see the person."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    staff_led = User.objects.filter(teams__in=teams_led_by(user).values("pk")).values("pk")
    shared = Q(shared_with_lead=True, author__in=staff_led)
    return (Q(author=user) | shared) & _about_no_one_or_seen(user)


def leads_of(user: User) -> QuerySet[User]:
    """The active team leads of `user`'s teams, who read the reflective notes `user` shares."""
    return (
        User.objects.filter(
            teams__in=user.teams.values("pk"),
            is_active=True,
            groups__permissions__codename="review_records",
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("full_name")
    )


def _about_no_one_or_seen(user: User) -> Q:
    return Q(person__isnull=True) | person_scope(user, via="person")


def teams_reviewed_by(user: User) -> QuerySet[Team]:
    """The teams whose submitted records `user` may review: those they lead, and those that
    name them as a deputy reviewer."""
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    led = teams_led_by(user).values("pk").order_by()
    deputy = Team.objects.filter(deputy_reviewers=user)
    if not user.works_with_people:
        deputy = Team.objects.none()
    # A union, not an OR across a join: PostgreSQL then expects a team or two and reads their
    # people by team, instead of every record waiting in the service.
    return Team.objects.filter(pk__in=led.union(deputy.values("pk").order_by()))


def reviewers_of(team: Team) -> QuerySet[User]:
    """Who may review the team's records: its active leads and the deputies it names."""
    leads = Q(teams=team, groups__permissions__codename="review_records")
    deputies = Q(deputy_for=team, groups__permissions__codename="work_with_people")
    return User.objects.filter(leads | deputies, is_active=True).distinct().order_by("full_name")


def review_scope(user: User, via: str = "") -> Q:
    """A filter on a person (or, through `via`, on a row about a person) whose records
    `user` may review."""
    prefix = f"{via}__" if via else ""
    return Q(**{f"{prefix}team__in": teams_reviewed_by(user).values("pk")}) & ~Q(
        **{f"{prefix}pk__in": restricted_from(user).values("person")}
    )


def reviews_any_records(user: User) -> bool:
    """Leads, and the deputy reviewers other teams name, have records to review."""
    return user.is_authenticated and (
        user.reviews_records or (user.works_with_people and user.is_deputy_reviewer)
    )


def audit_scope(user: User) -> Q:
    """Whose access logs `user` may read: information governance, anyone's; team leads with
    the permission, their own teams' people's; no one else, anyone's."""
    if not user.is_authenticated or not user.audits_access:
        return Q(pk__in=[])
    if user.governs_information:
        return Q()
    return _team_scope(user)


def quality_audit_scope(user: User, via: str = "") -> Q:
    """Whose signed-off records `user` may audit for quality: the principal social worker,
    anyone's but a restricted record's that does not name them; no one else, anyone's."""
    if not user.is_authenticated or not user.audits_record_quality:
        return Q(pk__in=[])
    prefix = f"{via}__" if via else ""
    return ~Q(**{f"{prefix}pk__in": restricted_from(user).values("person")})


def governance_scope(user: User) -> Q:
    """Whose records `user` may restrict, place a legal hold on, see the retention of, and
    approve emergency access to (a filter on a person, or on any row about one): information
    governance, anyone's; no one else, anyone's."""
    if not user.is_authenticated or not user.governs_information:
        return Q(pk__in=[])
    return Q()


def subject_access_scope(user: User) -> Q:
    """Whose data `user` may export in full: anyone's, with the permission; no one's without."""
    if not user.is_authenticated or not user.exports_personal_data:
        return Q(pk__in=[])
    return Q()


def can_read_directory(user: User) -> bool:
    """Everyone with a role reads the community directory."""
    return user.is_authenticated and (user.works_with_people or user.manages_directory)


def can_see_confidential_addresses(user: User) -> bool:
    """Only those who keep the directory see where a confidential resource (a refuge) is;
    practitioners are told that the address is given on introduction."""
    return user.is_authenticated and user.manages_directory
