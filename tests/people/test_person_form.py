"""Bad input on the person form: a clear message, what was typed kept, nothing saved."""

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Person

from .test_person_pages import VALID

NEXT_YEAR = str(timezone.localdate().year + 1)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"preferred_name": ""}, "Enter the name they like to be called"),
        ({"given_names": ""}, "Enter their first names"),
        ({"family_name": "x" * 101}, "Last name must be 100 characters or fewer"),
        ({"date_of_birth_2": NEXT_YEAR}, "Date of birth must be today or in the past"),
        ({"date_of_birth_2": "1880"}, "Date of birth must be on or after"),
        ({"date_of_birth_0": "31", "date_of_birth_1": "2"}, "Date of birth must be a real date"),
        ({"date_of_birth_0": "x"}, "Date of birth must be a real date"),
        ({"date_of_birth_1": ""}, "Date of birth must include a month"),
        ({"first_contact_date_2": NEXT_YEAR}, "Date of first contact must be today or in the past"),
        ({"first_contact_date_0": ""}, "Date of first contact must include a day"),
        (
            {"first_contact_date_0": "", "first_contact_date_1": "", "first_contact_date_2": ""},
            "Enter the date of first contact",
        ),
        ({"first_contact_date_2": "1935"}, "Date of first contact must be after their birth"),
        ({"nhs_number": "943 476 5918"}, "Enter a valid NHS number"),
        ({"nhs_number": "12345"}, "NHS number must be 10 digits"),
        ({"postcode": "LS6"}, "Enter a real postcode"),
        ({"email": "maggie.example.org"}, "Enter an email address in the correct format"),
        ({"phone": "call me"}, "Enter a phone number"),
        (
            {"consent_date_0": "", "consent_date_1": "", "consent_date_2": ""},
            "Enter the date they gave consent",
        ),
        ({"communication_needs": "x" * 2001}, "must be 2000 characters or fewer"),
        ({"pronouns": "she\x00her"}, "Pronouns must not contain null characters"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(client, practitioner, team, changes, message):
    client.force_login(practitioner)
    data = {**VALID, "team": team.pk, **changes}
    response = client.post(reverse("people:add"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert page.count(message) >= 2, "the message is both in the summary and by the field"
    assert 'value="Margaret"' in page or changes.get("given_names") == ""
    assert not Person.objects.exists()


def test_it_keeps_the_record_unchanged_when_an_edit_is_bad(client, practitioner, person, team):
    client.force_login(practitioner)
    before = Person.objects.values().get(pk=person.pk)
    data = {**VALID, "team": team.pk, "preferred_name": "Mags", "postcode": "nonsense"}
    response = client.post(reverse("people:edit", args=[person.code]), data)
    assert "Enter a real postcode" in response.content.decode()
    assert 'value="Mags"' in response.content.decode()
    assert Person.objects.values().get(pk=person.pk) == before


def test_it_starts_its_title_with_error(client, practitioner, team):
    client.force_login(practitioner)
    response = client.post(reverse("people:add"), {"team": team.pk})
    assert "<title>Error: Add a person" in response.content.decode()
