"""Retention by kind of record, from the last contact, and legal holds that stop anonymising
until lifted: both shown to information governance."""

import datetime

import pytest
from django.urls import reverse

from conversations.models import Conversation
from people.models import Person
from personal_data.models import LegalHold
from personal_data.retention import Kept, due_for_anonymising, retention_of
from personal_data.services import legal_hold_lift, legal_hold_place
from tests.factories import CaseNoteFactory, ConversationFactory, PersonFactory

TODAY = datetime.date(2026, 11, 28)


def closed(team, practitioner, *, first_contact, closed_on, **fields) -> Person:
    person = PersonFactory(
        team=team, practitioner=practitioner, first_contact_date=first_contact, **fields
    )
    person.close(because="no_longer_needed", by=practitioner)
    Person.objects.filter(pk=person.pk).update(status_changed_on=closed_on)
    return person


def due(**kwargs) -> set[Person]:
    return set(due_for_anonymising(today=TODAY, **kwargs))


def test_a_first_contact_that_went_no_further_is_kept_two_years(team, practitioner):
    three_years = closed(
        team,
        practitioner,
        first_contact=datetime.date(2023, 6, 1),
        closed_on=datetime.date(2023, 7, 1),
    )
    one_year = closed(
        team,
        practitioner,
        first_contact=datetime.date(2025, 6, 1),
        closed_on=datetime.date(2025, 7, 1),
    )
    assert due() == {three_years}
    assert retention_of(one_year).kept_as == Kept.FIRST_CONTACT


def test_a_case_record_is_kept_eight_years_from_the_last_contact(team, practitioner):
    person = closed(
        team,
        practitioner,
        first_contact=datetime.date(2012, 1, 9),
        closed_on=datetime.date(2019, 5, 1),
    )
    ConversationFactory(
        person=person,
        practitioner=practitioner,
        date=datetime.date(2019, 3, 1),
        status=Conversation.Status.SIGNED_OFF,
    )
    retained = retention_of(person)
    assert retained.kept_as == Kept.CASE_RECORD and retained.last_contact == datetime.date(
        2019, 5, 1
    )
    # Closed in May 2019, so kept until May 2027; a first contact would have gone in 2021.
    assert due() == set()
    assert due(years=7) == {person}


def test_a_later_note_between_conversations_is_the_last_contact(team, practitioner):
    person = closed(
        team,
        practitioner,
        first_contact=datetime.date(2015, 1, 9),
        closed_on=datetime.date(2016, 1, 4),
    )
    ConversationFactory(
        person=person,
        practitioner=practitioner,
        date=datetime.date(2015, 3, 1),
        status=Conversation.Status.SIGNED_OFF,
    )
    assert due() == {person}
    CaseNoteFactory(person=person, author=practitioner, date=datetime.date(2019, 2, 1))
    retained = retention_of(person)
    assert retained.last_contact == datetime.date(2019, 2, 1)
    assert due() == set()


def test_open_and_anonymised_records_are_never_due(team, practitioner):
    PersonFactory(team=team, first_contact_date=datetime.date(2001, 1, 1))
    gone = closed(
        team,
        practitioner,
        first_contact=datetime.date(2001, 1, 1),
        closed_on=datetime.date(2001, 2, 1),
    )
    Person.objects.filter(pk=gone.pk).update(anonymised_on=datetime.date(2004, 1, 1))
    assert due() == set()


def test_a_legal_hold_stops_anonymising_until_it_is_lifted(
    team, practitioner, information_governance
):
    person = closed(
        team,
        practitioner,
        first_contact=datetime.date(2010, 1, 1),
        closed_on=datetime.date(2010, 2, 1),
    )
    hold = legal_hold_place(person=person, reason="A claim", by=information_governance)
    assert due() == set()
    with pytest.raises(ValueError):
        legal_hold_place(person=person, reason="Another", by=information_governance)
    legal_hold_lift(hold=hold, because="Settled", by=information_governance)
    assert due() == {person}
    with pytest.raises(ValueError):
        legal_hold_lift(hold=hold, because="Again", by=information_governance)


def test_information_governance_places_and_lifts_a_hold(
    client, information_governance, team, practitioner
):
    person = closed(
        team,
        practitioner,
        first_contact=datetime.date(2010, 1, 1),
        closed_on=datetime.date(2010, 2, 1),
    )
    client.force_login(information_governance)
    url = reverse("personal_data:legal_hold", args=[person.code])
    page = client.post(url, {"reason": ""}).content.decode()
    assert "Enter why the record must be kept" in page and "govuk-error-summary" in page
    assert not LegalHold.objects.exists()
    client.post(url, {"reason": "An inquiry into the home she lived in"})
    hold = LegalHold.objects.in_force().get(person=person)
    assert hold.placed_by == information_governance
    page = client.get(url).content.decode()
    assert "An inquiry into the home she lived in" in page and "Lift the legal hold" in page
    listed = client.get(reverse("personal_data:retention"), {"show": "held"}).content.decode()
    assert person.display_name in listed and "On legal hold" in listed
    lift = reverse("personal_data:legal_hold_lift", args=[person.code])
    assert "Enter why the legal hold is being lifted" in client.post(lift, {}).content.decode()
    client.post(lift, {"because": "The inquiry reported"})
    hold.refresh_from_db()
    assert hold.lifted_by == information_governance and hold.lifted_because


def test_the_retention_page_says_when_each_is_anonymised(
    client, information_governance, team, practitioner
):
    person = closed(
        team,
        practitioner,
        first_contact=datetime.date(2025, 3, 4),
        closed_on=datetime.date(2025, 3, 4),
    )
    client.force_login(information_governance)
    page = client.get(reverse("personal_data:retention")).content.decode()
    assert person.display_name in page
    assert "First contact that went no further" in page and "4 March 2027" in page
    empty = client.get(reverse("personal_data:retention"), {"show": "held"}).content.decode()
    assert "No record is on legal hold" in empty


def test_the_retention_page_is_a_fixed_number_of_queries(
    client, information_governance, team, practitioner, count_queries
):
    closed(
        team,
        practitioner,
        first_contact=datetime.date(2025, 3, 4),
        closed_on=datetime.date(2025, 3, 4),
    )
    client.force_login(information_governance)
    url = reverse("personal_data:retention")
    few = count_queries(client, url)
    for _ in range(5):
        closed(
            team,
            practitioner,
            first_contact=datetime.date(2025, 3, 4),
            closed_on=datetime.date(2025, 3, 4),
        )
    assert count_queries(client, url) == few


def test_only_information_governance_sees_retention_and_holds(
    client, person, practitioner, team_lead, administrator, principal_social_worker
):
    for user in [practitioner, team_lead, administrator, principal_social_worker]:
        client.force_login(user)
        assert client.get(reverse("personal_data:retention")).status_code == 403
        url = reverse("personal_data:legal_hold", args=[person.code])
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert not LegalHold.objects.exists()
