import pytest
from django.urls import reverse

from accounts.models import Role
from staff.models import AccountChange
from tests.factories import UserFactory

PAGES = [
    ("staff:list", {}),
    ("staff:add", {}),
    ("staff:member", {"pk": "practitioner"}),
    ("staff:edit", {"pk": "practitioner"}),
    ("staff:deactivate", {"pk": "practitioner"}),
    ("staff:teams", {}),
    ("staff:team_add", {}),
    ("staff:team", {"team": "team"}),
    ("staff:team_edit", {"team": "team"}),
    ("staff:team_close", {"team": "team"}),
    ("staff:team_lead_add", {"team": "team"}),
]


def url(request, name: str, kwargs: dict) -> str:
    return reverse(name, kwargs={k: request.getfixturevalue(v).pk for k, v in kwargs.items()})


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_it_shows_each_page_to_administrators_only(request, client, name, kwargs):
    address = url(request, name, kwargs)
    for role in ["practitioner", "team_lead", "information_governance"]:
        client.force_login(request.getfixturevalue(role))
        assert client.get(address).status_code == 403, role
        assert client.post(address, {}).status_code == 403, role
    client.force_login(request.getfixturevalue("administrator"))
    assert client.get(address).status_code == 200


def test_it_answers_404_for_someone_or_a_team_that_is_not_there(as_administrator):
    assert as_administrator.get(reverse("staff:member", args=[99999])).status_code == 404
    assert as_administrator.get(reverse("staff:team", args=[99999])).status_code == 404


def test_it_sends_someone_signed_out_to_sign_in(client):
    response = client.get(reverse("staff:list"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_it_lists_staff_with_teams_roles_and_last_sign_in(as_administrator, practitioner):
    page = as_administrator.get(reverse("staff:list")).content.decode()
    assert practitioner.full_name in page and practitioner.email in page
    assert "North locality team" in page and "Practitioner" in page
    assert "Never" in page and "Not set up" in page


def test_it_finds_staff_by_name_or_email(as_administrator, practitioner, team_lead):
    page = as_administrator.get(reverse("staff:list"), {"q": "priya"}).content.decode()
    assert practitioner.full_name in page and team_lead.full_name not in page
    page = as_administrator.get(reverse("staff:list"), {"q": team_lead.email}).content.decode()
    assert team_lead.full_name in page and practitioner.full_name not in page


def test_it_says_who_has_a_second_factor(as_administrator, practitioner):
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=practitioner, name="Backup codes", confirmed=True)
    page = as_administrator.get(reverse("staff:list")).content.decode()
    assert page.count("Not set up") == 1  # the administrator's own; the practitioner has one
    member = as_administrator.get(reverse("staff:member", args=[practitioner.pk]))
    assert "Not set up" not in member.content.decode()


def test_its_queries_do_not_grow_with_staff(as_administrator, team, count_queries):
    UserFactory(teams=[team], roles=[Role.PRACTITIONER])
    few = count_queries(as_administrator, reverse("staff:list"))
    UserFactory.create_batch(8, teams=[team], roles=[Role.PRACTITIONER, Role.TEAM_LEAD])
    assert count_queries(as_administrator, reverse("staff:list")) == few


def test_it_shows_a_members_history(as_administrator, practitioner, administrator):
    AccountChange.objects.create(user=practitioner, by=administrator, what="Teams: A → B")
    page = as_administrator.get(reverse("staff:member", args=[practitioner.pk])).content.decode()
    assert "Teams: A → B" in page and administrator.full_name in page


def test_the_header_links_staff_and_teams_for_administrators_only(client, administrator, team_lead):
    client.force_login(administrator)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("staff:list")}"' in page and f'href="{reverse("staff:teams")}"' in page
    client.force_login(team_lead)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("staff:list")}"' not in page
