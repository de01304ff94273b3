import datetime

import pytest

from moving_in.models import Import, KeyDate, PreviousRecord
from moving_in.services import people_import
from networks.models import NetworkMember
from people.models import Person

from .conftest import upload


def import_extract(by, **changes):
    files = {
        "people": upload("people.csv"),
        "key_dates": upload("key_dates.csv"),
        "network": upload("network.csv"),
        **changes,
    }
    return people_import(**files, by=by)


def test_it_imports_the_people_with_their_details(cast, administrator, team, other_team):
    report = import_extract(administrator)

    assert report.ok, report.problems
    peggy = Person.objects.get(previous_record__reference="CR-1001")
    assert (peggy.preferred_name, peggy.given_names, peggy.family_name) == (
        "Peggy",
        "Margaret Ann",
        "Okonkwo",
    )
    assert peggy.date_of_birth == datetime.date(1941, 6, 12)
    assert peggy.nhs_number == "4000000012"
    assert peggy.address == "14 Cardigan Road\nHeadingley, Leeds"
    assert (peggy.postcode, peggy.phone) == ("LS6 2QT", "0113 496 0000")
    assert (peggy.email, peggy.language, peggy.interpreter_needed) == (
        "peggy.okonkwo@example.net",
        "English",
        False,
    )
    assert (peggy.team, peggy.practitioner) == (team, cast["priya"])
    assert peggy.first_contact_date == datetime.date(2019, 4, 2)
    assert peggy.is_open


def test_it_reads_uk_dates_team_names_in_any_case_and_quoted_formulas(cast, administrator, team):
    import_extract(administrator)

    dafydd = Person.objects.get(previous_record__reference="CR-1002")
    assert dafydd.preferred_name == "Dafydd"  # their first given name when none is given
    assert dafydd.date_of_birth == datetime.date(1950, 3, 12)
    assert dafydd.first_contact_date == datetime.date(2021, 11, 3)
    assert dafydd.team == team and dafydd.practitioner is None
    assert dafydd.phone == "+44 7700 900123"  # a spreadsheet-safe export's quote taken off
    assert (dafydd.language, dafydd.interpreter_needed) == ("Welsh", True)


def test_it_imports_a_closed_record_with_its_date_and_reason(cast, administrator, other_team):
    import_extract(administrator)

    aisha = Person.objects.get(previous_record__reference="CR-1003")
    assert (aisha.team, aisha.practitioner) == (other_team, cast["sam"])
    assert aisha.status == Person.Status.CLOSED
    assert aisha.status_changed_on == datetime.date(2024, 5, 31)
    assert aisha.status_reason == "Moved to live with her daughter, out of the area"
    assert aisha.closed_because == Person.ClosedBecause.OTHER


def test_it_keeps_the_references_and_key_dates_with_the_import(cast, administrator):
    report = import_extract(administrator)

    saved = Import.objects.get()
    assert report.saved == saved and saved.by == administrator
    assert (saved.people, saved.key_dates, saved.network_members) == (3, 6, 4)
    assert saved.files == ["people.csv", "key_dates.csv", "network.csv"]
    assert saved.messages == [
        "3 people (2 open, 1 closed), 6 key dates and 4 network members",
        "North locality team: 2 people",
        "South locality team: 1 person",
    ]
    assert sorted(PreviousRecord.objects.values_list("reference", "imported_by")) == [
        ("CR-1001", saved.pk),
        ("CR-1002", saved.pk),
        ("CR-1003", saved.pk),
    ]
    dates = KeyDate.objects.order_by("record__reference", "date")
    assert [(d.record.reference, d.kind, d.date, d.note) for d in dates] == [
        ("CR-1001", "needs_assessment", datetime.date(2024, 2, 10), ""),
        ("CR-1001", "plan_agreed", datetime.date(2024, 3, 1), "Agreed with Peggy and her son"),
        ("CR-1001", "last_review", datetime.date(2025, 3, 4), ""),
        ("CR-1001", "review_due", datetime.date(2099, 3, 4), ""),
        (
            "CR-1002",
            "carers_assessment",
            datetime.date(2023, 9, 9),
            "-cares for his wife in the mornings",
        ),
        ("CR-1003", "eligibility_decision", datetime.date(2020, 2, 15), ""),
    ]


def test_it_imports_each_persons_network(cast, administrator):
    import_extract(administrator)

    members = NetworkMember.objects.order_by("person__previous_record__reference", "name")
    assert [
        (m.person.previous_record.reference, m.name, m.relationship, m.relationship_detail)
        for m in members
    ] == [
        ("CR-1001", "Mrs Patel", "neighbour", "next-door neighbour"),
        ("CR-1001", "Tunde Okonkwo", "family", "son"),
        ("CR-1002", "Gwen Jones", "partner", ""),
        ("CR-1003", "Riverside day centre", "professional", ""),
    ]
    son = members.get(name="Tunde Okonkwo")
    assert (son.closeness, son.contact, son.unpaid_carer) == ("strong", "weekly", True)
    assert (son.carer_offered_on, son.carer_offer) == (datetime.date(2024, 3, 1), "accepted")
    assert (son.gives_person, son.person_gives) == (
        "Shopping, and lifts to appointments",
        "Cooks Sunday lunch for the family",
    )
    assert son.started_on == datetime.date(2019, 4, 2)  # the person's first contact
    assert son.created_by == administrator
    neighbour = members.get(name="Mrs Patel")
    assert (neighbour.closeness, neighbour.started_on) == ("moderate", datetime.date(2018, 1, 1))
    partner = members.get(name="Gwen Jones")
    assert not partner.in_persons_copy
    assert (partner.ended_on, partner.end_reason) == (datetime.date(2023, 1, 1), "They separated")


def test_it_records_who_imported_each_person_and_member_in_the_history(cast, administrator):
    import_extract(administrator)

    for rows, versions in [
        (Person.objects.all(), Person.history.all()),
        (NetworkMember.objects.all(), NetworkMember.history.all()),
    ]:
        assert versions.count() == rows.count() > 0
        assert {(v.history_type, v.history_user_id) for v in versions} == {("+", administrator.pk)}
        assert all(
            v.history_change_reason.startswith("Imported from the council's previous system")
            for v in versions
        )


def test_it_imports_people_alone(cast, administrator):
    report = people_import(people=upload("people.csv"), by=administrator)

    assert report.ok
    assert Person.objects.count() == 3
    assert not KeyDate.objects.exists() and not NetworkMember.objects.exists()


def test_a_check_saves_nothing_and_counts_what_an_import_would(cast, administrator):
    report = people_import(
        people=upload("people.csv"),
        key_dates=upload("key_dates.csv"),
        network=upload("network.csv"),
        by=administrator,
        dry_run=True,
    )

    assert report.ok and report.saved is None
    assert report.summary == "3 people (2 open, 1 closed), 6 key dates and 4 network members"
    assert not Person.objects.exists() and not Import.objects.exists()
    assert not NetworkMember.objects.exists()


def test_it_will_not_save_an_import_as_no_ones(cast):
    with pytest.raises(ValueError, match="say who is importing"):
        people_import(people=upload("people.csv"), by=None)
    assert not Person.objects.exists()
