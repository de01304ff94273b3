import datetime

from client_level_data.quarters import Quarter, last_complete
from client_level_data.selectors import client_level_return
from client_level_data.specification import COLUMNS

Q2 = Quarter.named("2026-27-Q2")
SHOWN = [
    "Event_Type",
    "Event_Start_Date",
    "Event_End_Date",
    "Event_Outcome",
    "Gender",
    "Ethnicity",
    "Primary_Support_Reason",
    "Client_Type",
]


def rows_of(built, person) -> list[tuple]:
    return [
        tuple(row[column] for column in SHOWN)
        for row in built.rows
        if row["LA_Person_Unique_Identifier"] == str(person.code)
    ]


def test_it_returns_a_quarter_of_known_data_with_the_specifications_words(known):
    built = client_level_return(Q2, la_code="999")
    white, care = (
        "White: English, Welsh, Scottish, Northern Irish or British",
        ("Physical Support: Personal care support"),
    )
    assert rows_of(built, known.ada) == [
        ("Request", "2026-07-03", "2026-07-03", "Progress to assessment, review or reassessment",
         "Female", white, care, "Service user"),
        ("Assessment", "2026-07-10", "2026-07-15", "Progress to assessment, review or reassessment",
         "Female", white, care, "Service user"),
        ("Assessment", "2026-08-01", "2026-08-05", "Progress to support planning or services",
         "Female", white, care, "Service user"),
        ("Service", "2026-08-10", "", "Continuation of support or services",
         "Female", white, care, "Service user"),
    ]  # fmt: skip
    assert rows_of(built, known.ben) == [
        ("Service", "2026-03-15", "", "Continuation of support or services",
         "Other", "No data: Refused", "Mental Health Support", "Service user"),
        ("Review", "2026-09-01", "2026-09-02", "Continuation of support or services",
         "Other", "No data: Refused", "Mental Health Support", "Service user"),
    ]  # fmt: skip
    assert rows_of(built, known.fay) == [
        ("Request", "2026-07-01", "2026-07-01", "NFA: Deceased",
         "Male", "Asian or Asian British: Indian", care, "Service user"),
    ]  # fmt: skip
    assert rows_of(built, known.dev)[0][:4] == (
        "Request", "2026-07-20", "2026-07-20", "Progress to assessment, review or reassessment"
    )  # fmt: skip
    assert rows_of(built, known.cara) == rows_of(built, known.eve) == []
    assert built.counts == {"Request": 3, "Assessment": 2, "Service": 2, "Review": 1}


def test_each_row_has_every_column_in_the_specifications_order(known):
    built = client_level_return(Q2, la_code="999")
    assert all(list(row) == COLUMNS for row in built.rows)
    by_type = {row["Event_Type"]: row for row in built.rows}
    service, review = by_type["Service"], by_type["Review"]
    assert service["Service_Type"] == "Long term support: Community"
    assert (review["Review_Reason"], review["Method_of_Review"]) == ("Planned", "Service user only")
    assessments = [row for row in built.rows if row["Event_Type"] == "Assessment"]
    assert [row["Assessment_Type"] for row in assessments] == [
        "Short term assessment",
        "Long term assessment",
    ]
    first = by_type["Request"]
    assert (first["LA_Code"], first["Reporting_Period_Start_Date"]) == ("999", "2026-07-01")
    assert first["Reporting_Period_End_Date"] == "2026-09-30"
    assert first["Request_Route_of_Access"] == "Community / Other route"


def test_it_says_what_keeps_each_record_out(known):
    built = client_level_return(Q2)
    said = {
        (problem.person.given_names, problem.blocking, problem.what) for problem in built.problems
    }
    assert ("Cara", True, "Record their date of birth.") in said
    assert any(who == "Dev" and "primary support reason" in what for who, _, what in said)
    assert any(
        who == "Ben" and blocking and "date of the eligibility decision" in what
        for who, blocking, what in said
    )
    assert any(
        who == "Ben" and not blocking and "NHS number" in what for who, blocking, what in said
    )
    assert any(who == "Eve" and "no outcome yet" in what for who, _, what in said)
    assert not any(who in {"Ada", "Fay"} for who, _, _ in said)


def test_it_leaves_out_drafts_and_what_happened_in_other_quarters(known):
    built = client_level_return(Quarter.named("2026-27-Q1"))
    ada = [row for row in built.rows if row["LA_Person_Unique_Identifier"] == str(known.ada.code)]
    # Her June conversation only: July's are the next quarter's, and her draft is nobody's.
    assert [(row["Event_Type"], row["Event_End_Date"]) for row in ada] == [
        ("Assessment", "2026-06-20")
    ]


def test_a_plan_ends_when_they_die_or_a_review_ends_it(known, practitioner):
    from tests.factories import ConversationFactory

    ConversationFactory(
        person=known.ada,
        practitioner=practitioner,
        kind="review",
        status="signed_off",
        date=datetime.date(2026, 9, 20),
        review_plan="ends",
        signed_off_at=datetime.datetime(2026, 9, 21, 12, tzinfo=datetime.UTC),
    )
    known.ben.close(because="died", died_on=datetime.date(2026, 9, 25), by=practitioner)
    built = client_level_return(Q2)
    services = {
        row["LA_Person_Unique_Identifier"]: (row["Event_End_Date"], row["Event_Outcome"])
        for row in built.rows
        if row["Event_Type"] == "Service"
    }
    assert services[str(known.ada.code)] == ("2026-09-20", "NFA: Support ended as planned")
    assert services[str(known.ben.code)] == ("2026-09-25", "NFA: Deceased")


def test_the_quarters_are_the_financial_years():
    assert (Q2.start, Q2.end) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    q4 = Quarter.named("2026-27-Q4")
    assert (q4.start, q4.end) == (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
    assert last_complete(datetime.date(2026, 10, 1)) == Q2
    assert last_complete(datetime.date(2026, 4, 30)).name == "2025-26-Q4"
