import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from moving_in.models import Import, KeyDate, PreviousRecord
from moving_in.services import people_import
from people.models import Person

from .conftest import EXTRACT, upload

URL = reverse("moving_in:import")


def sent(mode: str, *names: str, **contents: bytes) -> dict:
    """The form as sent with the extract's files named (or `contents` under a field's name)."""
    files = {name: (EXTRACT / f"{name}.csv").read_bytes() for name in names} | contents
    return {
        "mode": mode,
        **{name: SimpleUploadedFile(f"{name}.csv", content) for name, content in files.items()},
    }


@pytest.mark.parametrize(
    "role", ["practitioner", "team_lead", "information_governance", "principal_social_worker"]
)
def test_it_is_for_administrators_only(client, request, role, administrator):
    saved = Import.objects.create(by=administrator)
    client.force_login(request.getfixturevalue(role))

    assert client.get(URL).status_code == 403
    assert client.post(URL, sent("import", "people")).status_code == 403
    assert client.get(reverse("moving_in:report", args=[saved.code])).status_code == 403
    assert not Person.objects.exists()


def test_an_administrator_checks_the_files_and_nothing_is_saved(client, cast, administrator):
    client.force_login(administrator)

    response = client.post(URL, sent("check", "people", "key_dates", "network"))

    page = response.content.decode()
    assert "No problems found" in page
    assert "3 people (2 open, 1 closed), 6 key dates and 4 network members, if imported" in page
    assert "North locality team: 2 people" in page
    assert "Okonkwo" not in page and "CR-1001" not in page
    assert not Person.objects.exists() and not Import.objects.exists()


def test_a_check_lists_each_problem_without_what_the_cell_holds(client, cast, administrator):
    client.force_login(administrator)
    people = (EXTRACT / "people.csv").read_bytes().replace(b"1941-06-12", b"12 June 1941")

    response = client.post(URL, sent("import", people=people))

    page = response.content.decode()
    assert re.search(r"<title>\s*Error: Move people in", page)
    assert "The files have 1 problem, so nothing was saved" in page
    assert "people.csv, line 2, <code>date_of_birth</code>: not a date" in page
    assert "12 June 1941" not in page and "Okonkwo" not in page
    assert not Person.objects.exists()


def test_an_administrator_imports_and_sees_the_report_kept(client, cast, administrator):
    client.force_login(administrator)

    response = client.post(URL, sent("import", "people", "key_dates", "network"), follow=True)

    saved = Import.objects.get()
    assert response.redirect_chain == [(reverse("moving_in:report", args=[saved.code]), 302)]
    page = response.content.decode()
    assert "Imported 3 people (2 open, 1 closed)" in page
    assert administrator.full_name in page
    assert "people.csv, key_dates.csv, network.csv" in page
    assert "South locality team: 1 person" in page
    assert "Okonkwo" not in page
    listed = client.get(URL).content.decode()
    assert reverse("moving_in:report", args=[saved.code]) in listed


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"mode": "import"}, "Select the people file"),
        (sent("", "people"), "Select whether to check or import the files"),
        (
            {"mode": "check", "people": SimpleUploadedFile("people.xlsx", b"PK")},
            "The file must be a CSV file, ending .csv",
        ),
    ],
)
def test_the_form_says_what_is_missing(client, administrator, fields, message):
    client.force_login(administrator)

    page = client.post(URL, fields).content.decode()

    assert message in page
    assert not Person.objects.exists()


def test_the_persons_page_shows_what_came_from_the_previous_system(client, cast):
    people_import(people=upload("people.csv"), key_dates=upload("key_dates.csv"), by=cast["priya"])
    peggy = Person.objects.get(previous_record__reference="CR-1001")
    client.force_login(cast["priya"])

    page = client.get(reverse("overview:person", args=[peggy.code])).content.decode()

    assert "From the council's previous system" in page
    assert "CR-1001" in page
    assert "Last review of the plan" in page and "4 March 2025" in page
    assert "Plan next due for review" in page and "4 March 2099" in page
    assert "Agreed with Peggy and her son" in page


def test_a_person_not_moved_in_has_nothing_from_it(client, practitioner, person):
    client.force_login(practitioner)

    page = client.get(reverse("overview:person", args=[person.code])).content.decode()

    assert "previous system" not in page


def test_the_persons_page_reads_the_key_dates_in_a_fixed_number_of_queries(
    client, cast, count_queries
):
    people_import(people=upload("people.csv"), by=cast["priya"])
    record = PreviousRecord.objects.get(reference="CR-1001")
    client.force_login(cast["priya"])
    url = reverse("overview:person", args=[record.person.code])
    KeyDate.objects.create(record=record, kind="last_review", date="2024-01-01")
    one = count_queries(client, url)

    KeyDate.objects.bulk_create(
        KeyDate(record=record, kind="last_review", date=f"2023-01-{day:02}") for day in range(1, 21)
    )

    assert count_queries(client, url) == one
