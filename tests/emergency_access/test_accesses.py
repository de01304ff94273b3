"""Each emergency access is listed for the person's own team lead and for information
governance, with the reason; no one else sees the list."""

import pytest
from django.urls import reverse

from .conftest import REASON, open_record

ACCESSES = "emergency_access:accesses"


@pytest.fixture
def opened(client, practitioner, other_person):
    client.force_login(practitioner)
    open_record(client)
    client.logout()


def listed(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse(ACCESSES))
    assert response.status_code == 200
    return response.content.decode()


def test_the_persons_own_team_lead_sees_it_with_the_reason(client, opened, other_lead):
    page = listed(client, other_lead)
    assert "Priya Shah" in page and "Zebedee Quartermaine-Otherteam" in page
    assert REASON in page


def test_a_lead_of_another_team_does_not(client, opened, team_lead):
    page = listed(client, team_lead)
    assert "Zebedee" not in page and REASON not in page
    assert "No one has used emergency access" in page


def test_information_governance_sees_every_one(client, opened, information_governance):
    page = listed(client, information_governance)
    assert "Zebedee Quartermaine-Otherteam" in page and REASON in page


def test_no_one_else_sees_the_list(client, opened, practitioner, administrator):
    for user in [practitioner, administrator]:
        client.force_login(user)
        assert client.get(reverse(ACCESSES)).status_code == 403


def test_the_persons_access_log_shows_the_reason(client, opened, other_lead):
    client.force_login(other_lead)
    page = client.get(reverse("personal_data:access_log", args=[opened_person(other_lead)]))
    assert f"Emergency access: {REASON}" in page.content.decode()


def opened_person(lead):
    from people.models import Person

    return Person.objects.get(team__in=lead.teams.all()).code


def test_the_list_is_linked_from_the_leads_home_and_the_access_log(
    client, other_lead, information_governance
):
    client.force_login(other_lead)
    assert reverse(ACCESSES) in client.get(reverse("home")).content.decode()
    client.force_login(information_governance)
    assert reverse(ACCESSES) in client.get(reverse("personal_data:search")).content.decode()


def test_its_pages_carry_nothing_in_their_address(client, opened, other_lead):
    client.force_login(other_lead)
    page = client.get(reverse(ACCESSES)).content.decode()
    assert "?" not in reverse(ACCESSES) and "nhs_number=" not in page
