"""Writes to staff accounts and teams. Each is atomic, takes who acted as `by`, and says
what changed, in words, in an `AccountChange`."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Role, Team, User
from people.models import Person
from signed_in.services import sessions_end_for_user

from .models import AccountChange

# Roles that reach everyone's records or everyone's accounts: information governance sees
# every grant of them.
POWERFUL_ROLES = {Role.ADMINISTRATOR.group_name, Role.INFORMATION_GOVERNANCE.group_name}
NOT_YOUR_OWN_ROLES = "You cannot change your own roles: ask another administrator"
NOT_YOURSELF = "You cannot deactivate your own account: ask another administrator"


def role_groups() -> list[Group]:
    """The groups that are the service's roles, in the order Role lists them."""
    by_name = {group.name: group for group in Group.objects.filter(name__in=_role_names())}
    return [by_name[name] for name in _role_names() if name in by_name]


def _role_names() -> list[str]:
    return [role.group_name for role in Role]


def _names(rows: Iterable) -> str:
    return ", ".join(sorted(str(row) for row in rows)) or "none"


def set_password_path(user: User) -> str:
    """The address of the one-use link that sets `user`'s password (Django's own tokens)."""
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    # Password reset's own page: a new account's first password is set like a forgotten one.
    return reverse("accounts:password_reset_confirm", kwargs=kwargs)


def _send_set_password_link(user: User, *, site: str, by: User) -> None:
    link = site.rstrip("/") + set_password_path(user)
    send_mail(
        subject="Set the password of your What matters account",
        message=(
            f"Hello {user.full_name},\n\n"
            f"{by.full_name} has given you an account on What matters, for {user.email}.\n\n"
            f"Set your password with this link. It works once, within {_link_lasts()}:"
            f"\n\n{link}\n\n"
            "If you did not expect this, tell your manager and do not use the link.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def _link_lasts() -> str:
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    return f"{hours // 24} days" if hours >= 48 else f"{max(hours, 1)} hours"


def _record(
    *,
    by: User,
    what: str,
    user: User | None = None,
    team: Team | None = None,
    powerful: bool = False,
) -> AccountChange:
    return AccountChange.objects.create(
        user=user, team=team, by=by, what=what, grants_powerful_role=powerful
    )


def _grants_powerful(before: Iterable[Group], after: Iterable[Group]) -> bool:
    added = {group.name for group in after} - {group.name for group in before}
    return bool(added & POWERFUL_ROLES)


@transaction.atomic
def staff_member_add(
    *,
    full_name: str,
    email: str,
    teams: Iterable[Team],
    roles: Iterable[Group],
    by: User,
    site: str,
) -> User:
    """Adds a member of staff with no password yet, and emails them a link to set one
    (`site` is the service's address the link starts with)."""
    teams, roles = list(teams), list(roles)
    member = User(full_name=full_name, email=email.strip().lower())
    member.set_unusable_password()
    member.save()
    member.teams.set(teams)
    member.groups.set(roles)
    _record(
        user=member,
        by=by,
        what=f"Added. Roles: {_names(roles)}. Teams: {_names(teams)}",
        powerful=_grants_powerful([], roles),
    )
    _send_set_password_link(member, site=site, by=by)
    return member


@transaction.atomic
def staff_member_update(
    *, member: User, teams: Iterable[Team], roles: Iterable[Group], by: User
) -> list[AccountChange]:
    """Saves a change to a member's name and email (set on `member`, checked by the form),
    teams and roles. Nobody changes their own roles."""
    before = User.objects.get(pk=member.pk)
    teams, roles = list(teams), list(roles)
    teams_before, roles_before = list(before.teams.all()), list(before.groups.all())
    roles_changed = {g.pk for g in roles} != {g.pk for g in roles_before}
    if roles_changed and member.pk == by.pk:
        raise PermissionDenied(NOT_YOUR_OWN_ROLES)
    changes = []
    if member.full_name != before.full_name:
        changes.append((f"Name: {before.full_name} → {member.full_name}", False))
    if member.email != before.email:
        changes.append((f"Email address: {before.email} → {member.email}", False))
    if {t.pk for t in teams} != {t.pk for t in teams_before}:
        changes.append((f"Teams: {_names(teams_before)} → {_names(teams)}", False))
    if roles_changed:
        powerful = _grants_powerful(roles_before, roles)
        changes.append((f"Roles: {_names(roles_before)} → {_names(roles)}", powerful))
    member.save(update_fields=["full_name", "email"])
    member.teams.set(teams)
    member.groups.set(roles)
    return [_record(user=member, by=by, what=what, powerful=powerful) for what, powerful in changes]


@transaction.atomic
def staff_member_deactivate(*, member: User, reason: str, by: User) -> int:
    """Closes a leaver's account (never deleted) and ends their sessions at once. Their open
    people stay allocated to them and are listed on their leads' caseload for reallocation.
    Returns how many open people they hold."""
    if member.pk == by.pk:
        raise PermissionDenied(NOT_YOURSELF)
    member.is_active = False
    member.save(update_fields=["is_active"])
    ended = sessions_end_for_user(user=member, by=by)
    held = Person.objects.filter(practitioner=member, status=Person.Status.OPEN).count()
    _record(
        user=member,
        by=by,
        what=f"Deactivated: {reason}. Sessions ended: {ended}. Open people to reallocate: {held}",
    )
    return held


@transaction.atomic
def staff_member_reactivate(*, member: User, send_link: bool, by: User, site: str) -> None:
    """Opens a deactivated account again, and, if asked, emails a link to set a new
    password."""
    member.is_active = True
    member.save(update_fields=["is_active"])
    what = "Reactivated" + (", and sent a link to set a new password" if send_link else "")
    _record(user=member, by=by, what=what)
    if send_link:
        _send_set_password_link(member, site=site, by=by)


def _contacts(team: Team) -> str:
    return f"phone {team.phone or 'none'}, email {team.email or 'none'}"


@transaction.atomic
def team_add(*, team: Team, deputy_reviewers: Iterable[User] = (), by: User) -> Team:
    """Saves a new team (checked by `TeamForm`)."""
    team.save()
    team.deputy_reviewers.set(list(deputy_reviewers))
    _record(team=team, by=by, what=f"Team added: {team.name}; {_contacts(team)}")
    return team


@transaction.atomic
def team_update(*, team: Team, deputy_reviewers: Iterable[User], by: User) -> list[AccountChange]:
    """Saves a change to a team's name, contact details (set on `team`, checked by the form)
    and deputy reviewers."""
    before = Team.objects.get(pk=team.pk)
    deputies, deputies_before = list(deputy_reviewers), list(before.deputy_reviewers.all())
    changes = []
    for field, label in [("name", "Name"), ("phone", "Phone"), ("email", "Email address")]:
        old, new = getattr(before, field), getattr(team, field)
        if old != new:
            changes.append(f"{label}: {old or '(blank)'} → {new or '(blank)'}")
    if {u.pk for u in deputies} != {u.pk for u in deputies_before}:
        changes.append(f"Deputy reviewers: {_names(deputies_before)} → {_names(deputies)}")
    team.save(update_fields=["name", "phone", "email"])
    team.deputy_reviewers.set(deputies)
    return [_record(team=team, by=by, what=what) for what in changes]


def open_people_of(team: Team) -> int:
    return Person.objects.filter(team=team, status=Person.Status.OPEN).count()


@transaction.atomic
def team_close(*, team: Team, closed_on: datetime.date, by: User) -> None:
    """Closes a team that no longer works with anyone: it keeps its records and history,
    and is no longer offered."""
    if open_people_of(team):
        raise ValueError("A team with open people cannot be closed until they are moved")
    team.closed_on = closed_on
    team.save(update_fields=["closed_on"])
    _record(team=team, by=by, what=f"Team closed on {closed_on:%-d %B %Y}")


@transaction.atomic
def team_lead_name(*, team: Team, member: User, by: User) -> None:
    """Makes a member of the team one of its leads: they get the Team lead role (which is
    theirs in every team they are in). Nobody gives a role to themselves."""
    if member.pk == by.pk:
        raise PermissionDenied(NOT_YOUR_OWN_ROLES)
    member.teams.add(team)
    lead = Group.objects.get(name=Role.TEAM_LEAD.group_name)
    if not member.groups.filter(pk=lead.pk).exists():
        roles_before = list(member.groups.all())
        member.groups.add(lead)
        roles = [*roles_before, lead]
        _record(user=member, by=by, what=f"Roles: {_names(roles_before)} → {_names(roles)}")
    _record(user=member, team=team, by=by, what=f"Named as a lead of {team.name}")
