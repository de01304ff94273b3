"""What came from the previous system is in the person's subject access export, and goes
when their record is anonymised."""

import datetime

from moving_in.models import KeyDate, PreviousRecord
from moving_in.services import people_import
from people.models import Person
from personal_data.retention import person_anonymise
from personal_data.subject_access import as_json

from .conftest import upload


def peggy(by) -> Person:
    people_import(people=upload("people.csv"), key_dates=upload("key_dates.csv"), by=by)
    return Person.objects.get(previous_record__reference="CR-1001")


def test_the_export_holds_their_reference_and_key_dates(cast, administrator):
    person = peggy(administrator)

    part = as_json(person)["data"]["From the council's previous system"]

    assert len(part) == 1
    assert part[0]["reference"] == "CR-1001"
    assert part[0]["imported_by"].endswith(f"by {administrator.full_name}")
    assert part[0]["Key dates"] == [
        {"kind": "Plan next due for review", "date": "2099-03-04", "note": ""},
        {"kind": "Last review of the plan", "date": "2025-03-04", "note": ""},
        {
            "kind": "Care and support plan agreed",
            "date": "2024-03-01",
            "note": "Agreed with Peggy and her son",
        },
        {"kind": "Last needs assessment", "date": "2024-02-10", "note": ""},
    ]


def test_someone_not_moved_in_has_nothing_from_it(person):
    assert as_json(person)["data"]["From the council's previous system"] == []


def test_anonymising_removes_the_reference_and_the_notes_not_the_dates(cast, administrator):
    person = peggy(administrator)

    person_anonymise(person=person)

    record = PreviousRecord.objects.get(person=person)
    assert record.reference == ""
    notes = set(KeyDate.objects.filter(record=record).values_list("note", flat=True))
    assert notes == {"", "(removed)"}
    assert KeyDate.objects.filter(record=record, date=datetime.date(2024, 3, 1)).exists()
    others = KeyDate.objects.exclude(record=record).values_list("note", flat=True)
    assert "-cares for his wife in the mornings" in others


def test_a_reference_anonymised_may_come_in_again(cast, administrator):
    person_anonymise(person=peggy(administrator))
    only_peggy = b"\n".join(
        upload("people.csv").content.splitlines()[:3]
    )  # the header and her two lines

    report = people_import(people=upload("people.csv", only_peggy), by=administrator, dry_run=True)

    assert report.ok, report.problems
