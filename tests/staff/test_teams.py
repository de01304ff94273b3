import datetime

from django.urls import reverse

from accounts.models import Role, Team
from staff.models import AccountChange


def test_it_lists_teams_with_their_leads(as_administrator, team, team_lead, other_team):
    page = as_administrator.get(reverse("staff:teams")).content.decode()
    assert team.name in page and other_team.name in page and team_lead.full_name in page


def test_it_adds_a_team_with_contact_details(as_administrator, administrator):
    sent = {"name": "East locality team", "phone": "0113 496 0000", "email": "east@example.org"}
    response = as_administrator.post(reverse("staff:team_add"), sent)
    team = Team.objects.get(name="East locality team")
    assert response.status_code == 302 and team.phone == "0113 496 0000"
    change = AccountChange.objects.get(team=team)
    assert change.by == administrator and "East locality team" in change.what


def test_it_refuses_a_name_another_team_has(as_administrator, team):
    page = as_administrator.post(
        reverse("staff:team_add"), {"name": "north LOCALITY team"}
    ).content.decode()
    assert "There is already a team with this name" in page and "There is a problem" in page
    assert Team.objects.count() == 1


def test_it_renames_a_team_and_says_so(as_administrator, team):
    url = reverse("staff:team_edit", args=[team.pk])
    as_administrator.post(url, {"name": "North and West team", "phone": "", "email": ""})
    team.refresh_from_db()
    assert team.name == "North and West team"
    change = AccountChange.objects.get(team=team)
    assert change.what == "Name: North locality team → North and West team"
    page = as_administrator.get(reverse("staff:team", args=[team.pk])).content.decode()
    assert change.what in page


def test_it_refuses_a_bad_email(as_administrator, team):
    url = reverse("staff:team_edit", args=[team.pk])
    page = as_administrator.post(url, {"name": team.name, "email": "not an email"})
    assert "Enter an email address in the correct format" in page.content.decode()


def test_it_closes_a_team_with_no_open_people(as_administrator, other_team):
    url = reverse("staff:team_close", args=[other_team.pk])
    today = datetime.date.today()
    sent = {"closed_on_0": today.day, "closed_on_1": today.month, "closed_on_2": today.year}
    assert as_administrator.post(url, sent).status_code == 302
    other_team.refresh_from_db()
    assert other_team.closed_on == today
    assert AccountChange.objects.filter(team=other_team, what__startswith="Team closed").exists()


def test_it_refuses_to_close_a_team_with_open_people(as_administrator, team, person):
    url = reverse("staff:team_close", args=[team.pk])
    sent = {"closed_on_0": "1", "closed_on_1": "1", "closed_on_2": "2025"}
    page = as_administrator.post(url, sent).content.decode()
    assert "still works with 1 person" in page and "There is a problem" in page
    team.refresh_from_db()
    assert team.closed_on is None and not AccountChange.objects.exists()


def test_it_names_a_member_as_a_lead(as_administrator, practitioner, team):
    url = reverse("staff:team_lead_add", args=[team.pk])
    assert as_administrator.post(url, {"member": practitioner.pk}).status_code == 302
    assert practitioner.has_role(Role.TEAM_LEAD)
    whats = set(AccountChange.objects.filter(user=practitioner).values_list("what", flat=True))
    assert whats == {"Roles: Practitioner → Practitioner, Team lead", f"Named as a lead of {team}"}


def test_it_refuses_naming_oneself_a_lead(as_administrator, administrator, team):
    administrator.teams.add(team)
    url = reverse("staff:team_lead_add", args=[team.pk])
    page = as_administrator.post(url, {"member": administrator.pk}).content.decode()
    assert "You cannot change your own roles" in page
    assert not administrator.has_role(Role.TEAM_LEAD)


def test_it_names_only_members_as_leads(as_administrator, other_practitioner, team):
    url = reverse("staff:team_lead_add", args=[team.pk])
    page = as_administrator.post(url, {"member": other_practitioner.pk}).content.decode()
    assert "Select who will lead the team" in page
    assert not other_practitioner.has_role(Role.TEAM_LEAD)


def test_it_sets_deputy_reviewers_from_other_teams(as_administrator, team, other_practitioner):
    url = reverse("staff:team_edit", args=[team.pk])
    sent = {"name": team.name, "deputy_reviewers": [other_practitioner.pk]}
    assert as_administrator.post(url, sent).status_code == 302
    assert list(team.deputy_reviewers.all()) == [other_practitioner]
