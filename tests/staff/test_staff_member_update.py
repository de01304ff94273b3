from django.urls import reverse

from accounts.models import Role
from staff.models import AccountChange

from .conftest import role


def change(client, member, **changes):
    sent = {
        "full_name": member.full_name,
        "email": member.email,
        "teams": [str(team.pk) for team in member.teams.all()],
        "roles": [str(group.pk) for group in member.groups.all()],
        **changes,
    }
    return client.post(reverse("staff:edit", args=[member.pk]), sent)


def test_it_moves_a_member_to_another_team(as_administrator, practitioner, other_team):
    response = change(as_administrator, practitioner, teams=[str(other_team.pk)])
    assert response.status_code == 302
    assert list(practitioner.teams.all()) == [other_team]
    change_made = AccountChange.objects.get(user=practitioner)
    assert change_made.what == "Teams: North locality team → South locality team"


def test_it_says_a_change_of_roles_in_words(as_administrator, administrator, practitioner):
    roles = [role(Role.PRACTITIONER), role(Role.TEAM_LEAD)]
    change(as_administrator, practitioner, roles=roles)
    change_made = AccountChange.objects.get(user=practitioner)
    assert change_made.what == "Roles: Practitioner → Practitioner, Team lead"
    assert change_made.by == administrator and not change_made.grants_powerful_role
    assert practitioner.has_role(Role.TEAM_LEAD)


def test_it_refuses_a_change_of_ones_own_roles(as_administrator, administrator):
    page = change(
        as_administrator, administrator, roles=[role(Role.INFORMATION_GOVERNANCE)]
    ).content.decode()
    assert "You cannot change your own roles" in page and "There is a problem" in page
    assert not administrator.has_role(Role.INFORMATION_GOVERNANCE)
    assert not AccountChange.objects.exists()


def test_ones_own_roles_are_shown_but_not_offered(as_administrator, administrator):
    page = as_administrator.get(reverse("staff:edit", args=[administrator.pk])).content.decode()
    assert "You cannot change your own roles" in page
    assert 'id="id_roles_1"' not in page  # no checkboxes of roles to tick
    response = change(as_administrator, administrator, full_name="Alex Morgan-Reid", roles=[])
    assert response.status_code == 302
    administrator.refresh_from_db()
    assert administrator.full_name == "Alex Morgan-Reid" and administrator.has_role(
        Role.ADMINISTRATOR
    )


def test_it_refuses_an_email_another_member_has(as_administrator, practitioner, team_lead):
    page = change(as_administrator, practitioner, email=team_lead.email).content.decode()
    assert "A member of staff already has this email address" in page
    practitioner.refresh_from_db()
    assert practitioner.email != team_lead.email


def test_it_refuses_taking_a_practitioners_last_team(as_administrator, practitioner, team):
    page = change(as_administrator, practitioner, teams=[]).content.decode()
    assert "Select at least one team for a practitioner or team lead" in page
    assert list(practitioner.teams.all()) == [team]
