import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

NHS_NUMBER = "9434765919"
REASON = "Ambulance crew rang the duty line: she fell at home and lives alone"


@pytest.fixture
def other_person(other_person):
    other_person.nhs_number = NHS_NUMBER
    other_person.date_of_birth = datetime.date(1938, 5, 17)
    other_person.save()
    return other_person


@pytest.fixture
def other_lead(other_team):
    return UserFactory(full_name="Olu Bankole", teams=[other_team], roles=[Role.TEAM_LEAD])


def give_reason(client, reason: str = REASON):
    return client.post(reverse("emergency_access:reason"), {"reason": reason})


def search(client, **fields):
    return client.post(reverse("emergency_access:search"), fields)


def by_name(given: str, family: str, born: datetime.date) -> dict:
    return {
        "given_names": given,
        "family_name": family,
        "date_of_birth_0": str(born.day),
        "date_of_birth_1": str(born.month),
        "date_of_birth_2": str(born.year),
    }


def open_record(client, nhs_number: str = NHS_NUMBER, reason: str = REASON):
    """The three steps, by NHS number; the response to opening the record."""
    give_reason(client, reason)
    search(client, nhs_number=nhs_number)
    return client.post(reverse("emergency_access:confirm"))
