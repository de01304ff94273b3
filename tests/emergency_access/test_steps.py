"""A reason first, then an exact search of the people outside one's teams, then the record
opened for EMERGENCY_ACCESS_MINUTES."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import EmergencyAccess
from audit.models import RecordView
from govuk.times import time_in_words

from .conftest import NHS_NUMBER, REASON, by_name, give_reason, open_record, search


@pytest.fixture
def client(client, practitioner):
    client.force_login(practitioner)
    return client


def errors(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    return page


def test_it_asks_for_the_reason_before_any_search(client):
    response = client.get(reverse("emergency_access:search"))
    assert response.url == reverse("emergency_access:reason")
    assert search(client, nhs_number=NHS_NUMBER).url == reverse("emergency_access:reason")


def test_it_needs_a_reason(client):
    assert "Enter why you need to open the record" in errors(give_reason(client, ""))


def test_it_needs_more_than_a_word_or_two(client):
    page = errors(give_reason(client, "Duty call"))
    assert "Give the reason in a sentence or more: at least 20 characters" in page


def test_it_refuses_an_nhs_number_with_a_wrong_check_digit(client, other_person):
    give_reason(client)
    page = errors(search(client, nhs_number="943 476 5918"))
    assert "Enter a valid NHS number" in page


def test_it_refuses_a_name_without_a_date_of_birth(client, other_person):
    give_reason(client)
    page = errors(search(client, given_names="Zebedee", family_name=other_person.family_name))
    assert "Enter their date of birth" in page


def test_it_needs_something_to_search_by(client):
    give_reason(client)
    page = errors(search(client))
    assert "Enter their NHS number, or their full name and date of birth" in page


def test_it_finds_by_exact_nhs_number_someone_outside_their_teams(client, other_person):
    give_reason(client)
    response = search(client, nhs_number="943 476 5919")
    assert response.url == reverse("emergency_access:confirm")
    page = client.get(response.url).content.decode()
    assert "Open the record of Zebedee Quartermaine-Otherteam" in page
    assert "17 May 1938" in page and "South locality team" in page


def test_it_finds_by_exact_name_and_date_of_birth(client, other_person):
    give_reason(client)
    found = by_name("zebedee", "QUARTERMAINE-OTHERTEAM", other_person.date_of_birth)
    assert search(client, **found).url == reverse("emergency_access:confirm")


@pytest.mark.parametrize(
    "sent",
    [
        by_name("Zebedee", "Quartermaine", datetime.date(1938, 5, 17)),
        by_name("Zeb", "Quartermaine-Otherteam", datetime.date(1938, 5, 17)),
        by_name("Zebedee", "Quartermaine-Otherteam", datetime.date(1938, 5, 18)),
        {"nhs_number": "4010232137"},
    ],
    ids=["part of the last name", "part of the first", "another birthday", "another number"],
)
def test_it_never_matches_partly(client, other_person, sent):
    give_reason(client)
    page = search(client, **sent).content.decode()
    assert "No record outside your teams matches what you searched for" in page
    assert "Zebedee" not in page.replace('value="Zebedee"', "").replace('value="Zeb"', "")


def test_it_never_finds_someone_of_their_own_teams(client, person):
    person.nhs_number = NHS_NUMBER
    person.save()
    give_reason(client)
    page = search(client, nhs_number=NHS_NUMBER).content.decode()
    assert "No record outside your teams matches what you searched for" in page


def test_the_record_is_out_of_reach_until_opened(client, other_person):
    assert client.get(reverse("overview:person", args=[other_person.code])).status_code == 404
    give_reason(client)
    search(client, nhs_number=NHS_NUMBER)
    assert client.get(reverse("overview:person", args=[other_person.code])).status_code == 404


def test_opening_it_gives_access_for_an_hour_with_the_reason_logged(
    client, practitioner, other_person
):
    response = open_record(client)
    assert response.url == reverse("overview:person", args=[other_person.code])
    access = EmergencyAccess.objects.get(user=practitioner, person=other_person)
    assert access.reason == REASON
    assert access.expires_at - access.granted_at == datetime.timedelta(minutes=60)
    logged = RecordView.objects.filter(user=practitioner, person=other_person)
    assert logged.filter(page="emergency_access:confirm", reason=f"Emergency access: {REASON}")
    page = client.get(response.url).content.decode()
    assert f"Emergency access until {time_in_words(access.expires_at)}" in page


def test_the_access_lasts_as_long_as_the_setting_says(client, practitioner, other_person, settings):
    settings.EMERGENCY_ACCESS_MINUTES = 5
    open_record(client)
    access = EmergencyAccess.objects.get(user=practitioner)
    assert access.expires_at - access.granted_at == datetime.timedelta(minutes=5)


def test_the_record_is_closed_again_when_the_access_expires(client, practitioner, other_person):
    open_record(client)
    person_page = reverse("overview:person", args=[other_person.code])
    assert client.get(person_page).status_code == 200
    EmergencyAccess.objects.filter(user=practitioner).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(person_page).status_code == 404


def test_it_is_for_those_who_work_with_people(client, administrator, information_governance):
    for user in [administrator, information_governance]:
        client.force_login(user)
        for name in ["reason", "search", "confirm"]:
            assert client.get(reverse(f"emergency_access:{name}")).status_code == 403, name


def test_a_lead_may_use_it_too(client, team_lead, other_person):
    client.force_login(team_lead)
    assert open_record(client).status_code == 302
    assert EmergencyAccess.objects.filter(user=team_lead, person=other_person).exists()
