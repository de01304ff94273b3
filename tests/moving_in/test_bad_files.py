"""Each kind of bad file and bad cell: its message, by file, line and column, never repeating
what the cell holds; and nothing written, from any of the files."""

import csv
import io

import pytest

from moving_in.models import Import, KeyDate, PreviousRecord
from moving_in.services import people_import
from networks.models import NetworkMember
from people.models import Person

from .conftest import extract_text, upload


def rows_held() -> dict[str, int]:
    return {
        "people": Person.objects.count(),
        "versions of people": Person.history.count(),
        "previous records": PreviousRecord.objects.count(),
        "key dates": KeyDate.objects.count(),
        "network members": NetworkMember.objects.count(),
        "imports": Import.objects.count(),
    }


def import_with(administrator, **files):
    files = {
        "people": upload("people.csv"),
        "key_dates": upload("key_dates.csv"),
        "network": upload("network.csv"),
        **files,
    }
    before = rows_held()
    report = people_import(**files, by=administrator)
    assert rows_held() == before, "a refused import wrote something"
    assert report.saved is None
    return [(p.file, p.line, p.column, p.message) for p in report.problems]


def with_cell(name: str, line: int, column: str, value: str) -> bytes:
    """The extract's file with the cell on `line` (the header is line 1) of `column` changed."""
    rows = list(csv.reader(io.StringIO(extract_text(name), newline="")))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


PEOPLE = extract_text("people.csv").encode()
EMPTY_MESSAGE = "The file is empty: it needs a header line and a line for each row"
EMPTY = (b"", None, "", EMPTY_MESSAGE)
BLANK = (b"  \r\n", None, "", EMPTY_MESSAGE)


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        EMPTY,
        BLANK,
        (PEOPLE.splitlines()[0] + b"\n", None, "", "The file has a header but no rows"),
        (
            PEOPLE.replace(b"Okonkwo", "Okonkwö".encode("cp1252")),
            2,
            "",
            'The file is not UTF-8 text from this line: save it as "CSV UTF-8"',
        ),
        (
            PEOPLE.decode("utf-8-sig").encode("utf-16"),
            None,
            "",
            'The file is saved as UTF-16 ("Unicode text"): save it as "CSV UTF-8"',
        ),
        (
            b"\n".join(PEOPLE.splitlines()[1:]),
            1,
            "",
            "The first line must be the header: the names of the columns, such as reference, "
            "given_names, family_name, team, first_contact_date",
        ),
        (
            PEOPLE.replace(b",team,", b",teams,", 1),
            1,
            "team",
            "This column is missing: every file of this kind needs it",
        ),
        (
            PEOPLE.replace(b"closed_reason", b"closed_reason,Okonkwo", 1),
            1,
            "column 19",
            "This column is not a column of this file: check it against the layout",
        ),
        (
            PEOPLE.replace(b"closed_reason", b"closed_reason,", 1),
            1,
            "column 19",
            "This column has no name: check it against the layout",
        ),
        (
            PEOPLE.replace(b"closed_reason", b"closed_reason,phone", 1),
            1,
            "phone",
            "This column is there twice",
        ),
        (
            PEOPLE.replace(b"2019-04-02,open,,", b"2019-04-02,open,,,Okonkwo"),
            2,
            "",
            "This line has more cells than the header has columns",
        ),
        (
            PEOPLE + b'CR-1009,"Ann,Smith,,,,,,,,,,,North locality team,,2020-01-01\n',
            6,
            "",
            "This line cannot be read as CSV: check that every quote mark is paired (a cell "
            "with a comma or a line break must be between double quotes)",
        ),
        (
            PEOPLE.replace(b"Dafydd", b"Daf\x00ydd"),
            4,
            "",
            "This line has a null character, which no record can hold",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "header only",
        "not UTF-8",
        "UTF-16",
        "no header",
        "required column missing",
        "unknown column",
        "unnamed column",
        "column twice",
        "too many cells",
        "unpaired quote",
        "null character",
    ],
)
def test_a_bad_people_file_is_refused_whole(cast, administrator, content, line, column, message):
    problems = import_with(administrator, people=upload("people.csv", content))

    assert ("people.csv", line, column, message) in problems
    assert not any("Okonkw" in problem[3] for problem in problems)


def test_a_file_too_large_is_refused(cast, administrator, monkeypatch):
    monkeypatch.setattr("moving_in.reading.MAX_BYTES", 100)
    monkeypatch.setattr("moving_in.reading.MAX_MB", 0)

    problems = import_with(administrator)

    assert ("people.csv", None, "", "The file is larger than 0 MB: split it, or ask for help") in (
        problems
    )


def test_blank_lines_are_passed_over_and_lines_still_counted(cast, administrator):
    content = PEOPLE.replace(b"CR-1002,", b",,,,\n\nCR-1002,").replace(b"12/03/1950", b"1950")

    problems = import_with(administrator, people=upload("people.csv", content))

    assert problems == [
        ("people.csv", 5, "date_of_birth", "not a date; write it as 1948-03-31"),
    ]


@pytest.mark.parametrize(
    ("file", "line", "column", "value", "message"),
    [
        ("people.csv", 3, "date_of_birth", "31 March 1948", "not a date; write it as 1948-03-31"),
        (
            "people.csv",
            3,
            "date_of_birth",
            "1948-02-30",
            "not a real date: check the day and the month",
        ),
        (
            "people.csv",
            3,
            "date_of_birth",
            "31/13/1948",
            "not a real date: check the day and the month",
        ),
        ("people.csv", 3, "date_of_birth", "1848-03-31", "before 1900: check the year"),
        (
            "people.csv",
            3,
            "date_of_birth",
            "2999-01-01",
            "in the future: it must be today or earlier",
        ),
        (
            "people.csv",
            3,
            "nhs_number",
            "12345",
            "not an NHS number: it must be 10 digits, like 943 476 5919",
        ),
        (
            "people.csv",
            3,
            "nhs_number",
            "4000000013",
            "not a valid NHS number: its check digit does not match",
        ),
        ("people.csv", 3, "postcode", "LS6", "not a UK postcode; write it as SW1A 1AA"),
        (
            "people.csv",
            3,
            "phone",
            "ring her",
            "not a phone number; write it as 01632 960 001 or +44 808 157 0192",
        ),
        (
            "people.csv",
            3,
            "email",
            "peggy at home",
            "not an email address; write it as name@example.org",
        ),
        ("people.csv", 3, "interpreter_needed", "maybe", "write yes or no"),
        ("people.csv", 3, "given_names", "", "empty: every row needs this"),
        ("people.csv", 3, "given_names", "M" * 101, "too long: at most 100 characters"),
        ("people.csv", 3, "reference", "", "empty: every row needs this"),
        (
            "people.csv",
            3,
            "team",
            "Nowhere team",
            "no open team here has this name: check its spelling here",
        ),
        (
            "people.csv",
            3,
            "practitioner_email",
            "nobody@example.org",
            "no one here who works with people has this email",
        ),
        (
            "people.csv",
            3,
            "practitioner_email",
            "sam.ellis@example.org",
            "this practitioner is not a member of the team",
        ),
        ("people.csv", 3, "first_contact_date", "1940-01-01", "before their date of birth"),
        ("people.csv", 3, "first_contact_date", "", "empty: every row needs this"),
        ("people.csv", 3, "status", "archived", "write open or closed"),
        (
            "people.csv",
            3,
            "closed_on",
            "2024-01-01",
            "only for a closed record: write closed in status, or leave this empty",
        ),
        ("people.csv", 4, "closed_on", "", "empty: a closed record needs the date it was closed"),
        ("people.csv", 4, "closed_on", "2019-12-31", "before the first contact date"),
        ("key_dates.csv", 2, "reference", "CR-9999", "no line of people.csv has this reference"),
        (
            "key_dates.csv",
            2,
            "kind",
            "birthday",
            "not one of the choices: write one of needs_assessment, carers_assessment, "
            "eligibility_decision, plan_agreed, last_review, review_due",
        ),
        ("key_dates.csv", 2, "date", "2999-01-01", "in the future: only review_due may be"),
        ("key_dates.csv", 2, "kind", "review_due", "a second review_due for this person (line 2)"),
        ("key_dates.csv", 2, "date", "", "empty: every row needs this"),
        (
            "network.csv",
            2,
            "closeness",
            "very",
            "not one of the choices: write one of strong, moderate, tenuous, stressful",
        ),
        ("network.csv", 2, "relationship", "", "empty: every row needs this"),
        ("network.csv", 3, "ended_on", "2017-12-31", "before they joined the network (started_on)"),
        ("network.csv", 2, "end_reason", "Moved away", "only with ended_on: when they left"),
        ("network.csv", 2, "reference", "CR-9999", "no line of people.csv has this reference"),
    ],
)
def test_a_bad_cell_is_named_by_file_line_and_column(
    cast, administrator, file, line, column, value, message
):
    problems = import_with(
        administrator,
        **{file.removesuffix(".csv"): upload(file, with_cell(file, line, column, value))},
    )

    at = line if file != "key_dates.csv" or "second" not in message else 5
    assert (file, at, column, message) in problems
    if value and column != "kind":  # a kind is a word of the layout, not anyone's data
        assert not any(value in problem[3] for problem in problems)


def test_what_goes_with_an_unpaid_carer_is_for_an_unpaid_carer(cast, administrator):
    not_a_carer = with_cell("network.csv", 2, "unpaid_carer", "no")

    problems = import_with(administrator, network=upload("network.csv", not_a_carer))

    message = "only for an unpaid carer: write yes in unpaid_carer"
    assert problems == [("network.csv", 2, "carer_offered_on", message)]


def test_what_they_said_goes_with_when_it_was_offered(cast, administrator):
    not_offered = with_cell("network.csv", 2, "carer_offered_on", "")

    problems = import_with(administrator, network=upload("network.csv", not_offered))

    message = "only with carer_offered_on: when it was offered"
    assert problems == [("network.csv", 2, "carer_offer", message)]
