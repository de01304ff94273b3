"""Known data for the quarter 2026-27 Q2 (1 July to 30 September 2026): a few people with
first contacts, conversations, decisions, plans and reviews in and out of the quarter."""

import datetime
from dataclasses import dataclass

import pytest

from people.models import Person
from tests.factories import ConversationFactory, DemographicsFactory, PersonFactory


def signed_off(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)


def day(month: int, date: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, date)


@dataclass
class KnownData:
    ada: Person  # first contact, two assessments and a plan in the quarter
    ben: Person  # a plan from before, reviewed in the quarter; no NHS number
    cara: Person  # no date of birth
    dev: Person  # no primary support reason
    eve: Person  # a first contact with no outcome yet
    fay: Person  # first contact, then died


def make_known_data(team, practitioner) -> KnownData:
    def person(name: str, **fields) -> Person:
        values = {
            "given_names": name,
            "family_name": "Known",
            "team": team,
            "practitioner": practitioner,
            "nhs_number": "9434765919",
            "date_of_birth": day(3, 12, 1950),
            **fields,
        }
        return PersonFactory(**values)

    def conversation(who: Person, **fields):
        values = {"person": who, "practitioner": practitioner, "status": "signed_off", **fields}
        return ConversationFactory(**values)

    ada = person("Ada", first_contact_date=day(7, 3))
    DemographicsFactory(person=ada, recorded_by=practitioner)
    conversation(ada, date=day(6, 10), signed_off_at=signed_off(day(6, 20)), outcome="stage_3")
    conversation(ada, date=day(7, 10), signed_off_at=signed_off(day(7, 15)), outcome="stage_3")
    conversation(
        ada,
        stage=3,
        date=day(8, 1),
        eligible="yes",
        eligibility_decided_on=day(8, 5),
        plan_starts_on=day(8, 10),
        plan_review_date=day(10, 1),
        signed_off_at=signed_off(day(8, 6)),
    )
    conversation(ada, date=day(9, 1), status="draft", signed_off_at=None)

    ben = person("Ben", nhs_number="", first_contact_date=day(3, 1))
    DemographicsFactory(
        person=ben,
        sex="male",
        gender_same_as_sex="no",
        gender_identity="Non-binary",
        ethnicity="prefers_not_to_say",
        primary_support_reason="mental_health",
        recorded_by=practitioner,
    )
    conversation(
        ben,
        stage=3,
        date=day(3, 5),
        eligible="yes",
        eligibility_decided_on=day(3, 10),
        plan_starts_on=day(3, 15),
        plan_review_date=day(9, 1),
        signed_off_at=signed_off(day(3, 12)),
    )
    conversation(
        ben,
        kind="review",
        date=day(9, 1),
        review_plan="continues",
        review_next_date=day(9, 1, 2027),
        review_was_due=day(9, 1),
        signed_off_at=signed_off(day(9, 2)),
    )
    # A later conversation decided his eligibility without saying when.
    conversation(ben, date=day(9, 10), eligible="no", signed_off_at=signed_off(day(9, 12)))

    cara = person("Cara", date_of_birth=None, first_contact_date=day(8, 1))
    DemographicsFactory(person=cara, recorded_by=practitioner)
    conversation(cara, date=day(8, 2), signed_off_at=signed_off(day(8, 3)), outcome="resolved")

    dev = person("Dev", first_contact_date=day(7, 20))
    DemographicsFactory(person=dev, primary_support_reason="", recorded_by=practitioner)
    conversation(dev, date=day(7, 21), signed_off_at=signed_off(day(7, 22)), outcome="resolved")

    eve = person("Eve", first_contact_date=day(7, 5))
    DemographicsFactory(person=eve, recorded_by=practitioner)

    fay = person("Fay", first_contact_date=day(7, 1))
    DemographicsFactory(person=fay, sex="male", ethnicity="asian_indian", recorded_by=practitioner)
    fay.close(because="died", died_on=day(8, 20), by=practitioner)
    return KnownData(ada, ben, cara, dev, eve, fay)


@pytest.fixture
def known(team, practitioner) -> KnownData:
    return make_known_data(team, practitioner)
