import pytest
from django.urls import reverse

from history.forms import current_version
from people.models import Person
from tests.factories import PersonFactory

VALID = {
    "preferred_name": "Maggie",
    "given_names": "Margaret",
    "family_name": "Doyle",
    "date_of_birth_0": "12",
    "date_of_birth_1": "3",
    "date_of_birth_2": "1941",
    "nhs_number": "943 476 5919",
    "postcode": "ls6 2qt",
    "email": "maggie@example.org",
    "phone": "0113 496 0000",
    "first_contact_date_0": "1",
    "first_contact_date_1": "9",
    "first_contact_date_2": "2026",
    "consent_to_record": "on",
    "consent_date_0": "1",
    "consent_date_1": "9",
    "consent_date_2": "2026",
}


def test_it_adds_a_person(client, practitioner, team):
    client.force_login(practitioner)
    response = client.post(reverse("people:add"), {**VALID, "team": team.pk})
    person = Person.objects.get()
    assert response.url == reverse("overview:person", args=[person.code])
    assert person.nhs_number == "9434765919"
    assert person.postcode == "LS6 2QT"
    assert person.team == team


def test_it_warns_of_a_likely_duplicate_and_adds_on_request(client, practitioner, person, team):
    client.force_login(practitioner)
    data = {
        **VALID,
        "team": team.pk,
        "given_names": person.given_names,
        "family_name": person.family_name,
        "date_of_birth_0": person.date_of_birth.day,
        "date_of_birth_1": person.date_of_birth.month,
        "date_of_birth_2": person.date_of_birth.year,
    }
    response = client.post(reverse("people:add"), data)
    assert response.status_code == 200
    assert reverse("overview:person", args=[person.code]) in response.content.decode()
    assert Person.objects.count() == 1
    client.post(reverse("people:add"), {**data, "not_a_duplicate": "yes"})
    assert Person.objects.count() == 2


def test_it_warns_only_of_duplicates_the_user_may_see(client, practitioner, other_person, team):
    client.force_login(practitioner)
    data = {**VALID, "team": team.pk, "nhs_number": "9434765919"}
    other_person.nhs_number = "9434765919"
    other_person.save()
    response = client.post(reverse("people:add"), data)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Maggie Doyle" in page and other_person.display_name not in page


def test_it_refuses_a_team_the_user_is_not_in(client, practitioner, other_team):
    client.force_login(practitioner)
    response = client.post(reverse("people:add"), {**VALID, "team": other_team.pk})
    assert "Select one of your own teams" in response.content.decode()
    assert not Person.objects.exists()


def test_it_shows_the_person_page(client, practitioner, person):
    client.force_login(practitioner)
    response = client.get(reverse("overview:person", args=[person.code]))
    assert response.status_code == 200
    assert person.display_name in response.content.decode()


@pytest.mark.parametrize("cast", ["other_practitioner", "administrator"])
def test_it_answers_404_for_someone_out_of_scope(client, request, person, cast):
    client.force_login(request.getfixturevalue(cast))
    for name in ["overview:person", "people:edit", "people:allocate", "people:status"]:
        assert client.get(reverse(name, args=[person.code])).status_code == 404


def test_it_lets_a_team_lead_see_their_teams_people(client, team_lead, person):
    client.force_login(team_lead)
    assert client.get(reverse("overview:person", args=[person.code])).status_code == 200


def test_it_edits_a_person(client, practitioner, person, team):
    client.force_login(practitioner)
    data = {**VALID, "team": team.pk, "preferred_name": "Mags", "version": current_version(person)}
    response = client.post(reverse("people:edit", args=[person.code]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.preferred_name == "Mags"


def test_it_allocates_to_a_practitioner_of_the_team(client, practitioner, team_lead, person):
    client.force_login(team_lead)
    url = reverse("people:allocate", args=[person.code])
    client.post(url, {"practitioner": team_lead.pk})
    person.refresh_from_db()
    assert person.practitioner == team_lead


def test_it_refuses_to_allocate_outside_the_team(client, team_lead, person, other_practitioner):
    client.force_login(team_lead)
    url = reverse("people:allocate", args=[person.code])
    response = client.post(url, {"practitioner": other_practitioner.pk})
    assert "Select the practitioner to allocate" in response.content.decode()
    person.refresh_from_db()
    assert person.practitioner != other_practitioner


def test_it_closes_and_reopens_a_record_with_a_reason(client, practitioner, person):
    client.force_login(practitioner)
    url = reverse("people:status", args=[person.code])
    response = client.post(url, {"reason": ""})
    assert "Select why the record is being closed" in response.content.decode()
    response = client.post(url, {"because": "other", "reason": ""})
    assert "Enter why the record is being closed" in response.content.decode()
    client.post(url, {"because": "other", "reason": "Resolved"})
    person.refresh_from_db()
    assert person.status == Person.Status.CLOSED and person.closed_because == "other"
    response = client.post(url, {"reason": ""})
    assert "Enter why the record is being reopened" in response.content.decode()
    client.post(url, {"reason": "Back in touch"})
    person.refresh_from_db()
    assert person.is_open and person.closed_because == ""


def test_it_keeps_practitioners_and_administrators_to_their_own_pages(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("people:list")).status_code == 403
    assert client.get(reverse("people:add")).status_code == 403


def test_it_lists_my_open_people_on_the_home_page(client, practitioner, person, team):
    closed = PersonFactory(team=team, practitioner=practitioner, status=Person.Status.CLOSED)
    client.force_login(practitioner)
    page = client.get(reverse("home")).content.decode()
    assert person.display_name in page
    assert closed.display_name not in page


def test_the_home_page_leaves_out_my_people_now_in_a_team_i_am_not_in(
    client, practitioner, person, other_team
):
    moved = PersonFactory(team=other_team, practitioner=practitioner)
    client.force_login(practitioner)
    page = client.get(reverse("home")).content.decode()
    assert person.family_name in page and moved.family_name not in page


def test_the_add_form_starts_with_my_only_team(client, practitioner, team, other_team):
    client.force_login(practitioner)
    assert client.get(reverse("people:add")).context["form"]["team"].value() == team.pk
