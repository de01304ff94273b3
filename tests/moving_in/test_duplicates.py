"""A reference is imported once; an NHS number already held is reported, not duplicated."""

from moving_in.models import PreviousRecord
from moving_in.services import people_import
from people.models import Person
from tests.factories import PersonFactory

from .conftest import extract_text, upload
from .test_bad_files import import_with


def test_a_second_import_of_the_same_reference_is_refused(cast, administrator):
    assert people_import(people=upload("people.csv"), by=administrator).ok

    problems = import_with(administrator)

    message = "already imported: someone here came in with this reference"
    assert [problem for problem in problems if problem[2] == "reference"] == [
        ("people.csv", line, "reference", message) for line in [2, 3, 4]
    ]
    assert Person.objects.count() == PreviousRecord.objects.count() == 3


def test_an_nhs_number_already_held_here_is_reported(cast, administrator, team):
    PersonFactory(team=team, nhs_number="4000123483")

    problems = import_with(administrator)

    message = (
        "someone here already has this NHS number: take the line out, or ask whoever looks "
        "after people's records to check who they are"
    )
    assert problems == [("people.csv", 4, "nhs_number", message)]


def test_an_anonymised_record_holds_no_nhs_number_to_match(cast, administrator, team):
    PersonFactory(team=team, nhs_number="4000123483", anonymised_on="2026-01-01")

    assert people_import(people=upload("people.csv"), by=administrator, dry_run=True).ok


def test_a_reference_or_nhs_number_twice_in_the_file_is_refused(cast, administrator):
    text = extract_text("people.csv").replace("CR-1002", "CR-1001")
    text = text.replace("4000123483", "4000000012")

    people = upload("people.csv", text.encode())
    problems = import_with(administrator, people=people, key_dates=None, network=None)

    assert problems == [
        ("people.csv", 3, "reference", "the same as on line 2: each person is in the file once"),
        ("people.csv", 4, "nhs_number", "the same as on line 2: each person is in the file once"),
    ]
