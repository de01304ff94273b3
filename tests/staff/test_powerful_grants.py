from django.urls import reverse

from accounts.models import Role
from staff.models import AccountChange

from .conftest import role


def grant_administrator(as_administrator, member):
    sent = {
        "full_name": member.full_name,
        "email": member.email,
        "teams": [str(team.pk) for team in member.teams.all()],
        "roles": [role(Role.PRACTITIONER), role(Role.ADMINISTRATOR)],
    }
    as_administrator.post(reverse("staff:edit", args=[member.pk]), sent)


def test_a_grant_of_a_powerful_role_is_marked(as_administrator, practitioner):
    grant_administrator(as_administrator, practitioner)
    change = AccountChange.objects.get(user=practitioner)
    assert change.grants_powerful_role
    assert change.what == "Roles: Practitioner → Administrator, Practitioner"


def test_information_governance_sees_every_grant(
    as_administrator, client, practitioner, information_governance
):
    grant_administrator(as_administrator, practitioner)
    client.force_login(information_governance)
    page = client.get(reverse("staff:powerful_grants")).content.decode()
    assert practitioner.full_name in page and "Administrator, Practitioner" in page
    home = client.get(reverse("home")).content.decode()
    assert "given 1 time" in home and reverse("staff:powerful_grants") in home


def test_a_new_member_with_information_governance_is_a_grant(as_administrator):
    as_administrator.post(
        reverse("staff:add"),
        {
            "full_name": "Ines Two",
            "email": "ines2@example.org",
            "roles": [role(Role.INFORMATION_GOVERNANCE)],
        },
    )
    assert AccountChange.objects.powerful_grants().get().user.email == "ines2@example.org"


def test_only_information_governance_sees_the_grants(client, administrator, team_lead):
    for user in [administrator, team_lead]:
        client.force_login(user)
        assert client.get(reverse("staff:powerful_grants")).status_code == 403
