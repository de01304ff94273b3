import datetime

import pytest

from people.models import Person
from tests.factories import PersonFactory


def test_it_puts_the_preferred_name_first(db):
    person = PersonFactory.build(
        preferred_name="Maggie", given_names="Margaret", family_name="Doyle"
    )
    assert person.display_name == "Maggie Doyle"
    assert person.full_name == "Margaret Doyle"


def test_it_closes_and_reopens_with_a_reason(person, practitioner):
    person.close(reason="Resolved at the first conversation", by=practitioner)
    person.refresh_from_db()
    assert person.status == Person.Status.CLOSED
    assert person.status_reason == "Resolved at the first conversation"
    person.reopen(reason="Got back in touch", by=practitioner)
    person.refresh_from_db()
    assert person.is_open and person.status_reason == "Got back in touch"


def test_it_allocates_only_to_a_practitioner_of_the_team(person, team_lead, other_practitioner):
    person.allocate(team_lead, by=team_lead)
    assert Person.objects.get(pk=person.pk).practitioner == team_lead
    with pytest.raises(ValueError):
        person.allocate(other_practitioner, by=team_lead)


def test_it_finds_likely_duplicates_by_name_and_birth_or_nhs_number(person, team):
    same_name = PersonFactory.build(
        given_names=person.given_names.upper(),
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        team=team,
    )
    assert list(same_name.likely_duplicates(Person.objects.all())) == [person]
    person.nhs_number = "9434765919"
    person.save()
    same_number = PersonFactory.build(nhs_number="9434765919", team=team, date_of_birth=None)
    assert list(same_number.likely_duplicates(Person.objects.all())) == [person]


def test_it_finds_no_duplicate_from_a_name_alone(person, team):
    namesake = PersonFactory.build(
        given_names=person.given_names, family_name=person.family_name, date_of_birth=None
    )
    assert not namesake.likely_duplicates(Person.objects.all()).exists()
    other_birthday = PersonFactory.build(
        given_names=person.given_names,
        family_name=person.family_name,
        date_of_birth=datetime.date(1900, 1, 1),
    )
    assert not other_birthday.likely_duplicates(Person.objects.all()).exists()
