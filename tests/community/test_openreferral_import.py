import datetime
import json
import os
import subprocess
import sys
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community.models import Category, CommunityResource
from community.openreferral.mapping import service_from_resource
from community.openreferral.reading import Upload, read_uploads

from .openreferral_data import (
    ORG,
    SERVICE,
    content_of,
    csv_uploads,
    damaged_zips,
    json_upload,
    many_tables,
    run,
    sample_page,
    sample_services,
    tabular_files,
    zip_upload,
)


def test_it_imports_a_directory_it_has_never_seen(db, administrator):
    report = run(json_upload(sample_page()), by=administrator)
    assert report.ok and (report.added, report.changed) == (6, 0)
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    assert lunch.organisation == "St Chad's Church"
    assert (lunch.address_line_1, lunch.town, lunch.postcode) == (
        "St Chad's Parish Centre, Otley Road",
        "Leeds",
        "LS16 5JT",
    )
    assert lunch.phone == "0113 496 0123"
    # Another directory's area is an area of its own, named beside the resource's own.
    assert (lunch.area, lunch.areas) == ("", "Far Headingley")
    # Another directory's contact is a contact of its own, with its job title; the
    # resource's own contact is the one the directory's administrators enter.
    assert lunch.contact_name == ""
    assert [(c.name, c.title) for c in lunch.contacts.all()] == [("Margaret Lowe", "Organiser")]
    # A weekly schedule is a line of the opening times, not words.
    assert lunch.opening_times == ""
    line = lunch.opening_hours.get()
    assert (line.days, line.opens_at, line.closes_at) == (
        "TH",
        datetime.time(12),
        datetime.time(14),
    )
    assert (lunch.who_for, lunch.minimum_age, lunch.maximum_age) == ("", 60, None)
    # What it costs, worked out from the price it publishes, which keeps its own words.
    assert (lunch.cost, lunch.cost_detail) == ("paid", "")
    (price,) = lunch.cost_options.all()
    assert (price.amount, price.amount_description) == (Decimal("4.50"), "£4.50 for two courses")
    assert lunch.last_verified == datetime.date(2026, 3, 2) and lunch.is_active
    assert {c.name for c in lunch.categories.all()} == {"Food and meals", "Social activities"}


def test_it_keeps_where_a_place_is(db):
    services = sample_services()
    services[0]["service_at_locations"][0]["location"] |= {
        "latitude": 53.8365123,
        "longitude": -1.5865,
    }
    assert run(json_upload({"contents": services})).ok
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    assert (lunch.latitude, lunch.longitude) == (
        Decimal("53.836512"),
        Decimal("-1.586500"),
    )


def test_a_point_off_the_earth_is_not_kept_and_the_report_says_so(db):
    services = sample_services()
    services[0]["service_at_locations"][0]["location"] |= {"latitude": 100, "longitude": 101}
    report = run(json_upload({"contents": services}))
    assert report.ok
    assert "1 service has a latitude or longitude that is off the Earth" in " ".join(report.notes)
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    assert lunch.latitude is None and lunch.longitude is None


def test_it_reads_what_other_directories_put_elsewhere(db):
    run(json_upload(sample_page()))
    carers = CommunityResource.objects.get(name="Carers advice line")
    assert carers.phone == "0113 496 0456"  # on the service, not a contact
    assert carers.cost == "free"
    (line,) = carers.opening_hours.all()
    assert (line.days_display, line.opens_at, line.closes_at) == (
        "Monday to Friday",
        datetime.time(9),
        datetime.time(17),
    )
    allotment = CommunityResource.objects.get(name="Headingley allotment society")
    assert (allotment.cost, allotment.cost_detail) == ("paid", "£25 a year for a half plot")
    walk = CommunityResource.objects.get(name="Hyde Park walking group")
    assert walk.cost == "unknown" and walk.last_verified is None


def test_a_service_at_two_places_keeps_both(db):
    report = run(json_upload(sample_page()))
    assert report.ok and report.notes == []
    repair = CommunityResource.objects.get(name="Kirkstall repair café")
    # The first place with an address is the resource's own; the other, a place of its own.
    assert (repair.place_name, repair.postcode) == (
        "Kirkstall Community Hub, Abbey Road",
        "LS5 3HS",
    )
    (baths,) = repair.places.all()
    assert (baths.name, baths.address_line_1, baths.town, baths.postcode) == (
        "Bramley Baths, Broad Lane",
        "Bramley Baths, Broad Lane",
        "Leeds",
        "LS13 3DF",
    )


def test_it_updates_rather_than_duplicates_when_the_same_ids_come_again(db, administrator):
    run(json_upload(sample_page()), by=administrator)
    again = run(json_upload(sample_page()), by=administrator)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 6)
    services = sample_services()
    services[0]["name"] = "St Chad's Thursday lunch"
    changed = run(json_upload(services), by=administrator)
    assert (changed.added, changed.changed, changed.unchanged) == (0, 1, 5)
    assert CommunityResource.objects.count() == 6
    renamed = CommunityResource.objects.get(name="St Chad's Thursday lunch")
    assert [entry.history_type for entry in renamed.history.all()] == ["~", "+"]


def test_an_update_clears_what_the_data_no_longer_says(db):
    run(json_upload(sample_page()))
    services = sample_services()
    del services[0]["email"]
    del services[0]["attributes"][1]
    run(json_upload(services))
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    assert lunch.email == ""
    assert [c.name for c in lunch.categories.all()] == ["Food and meals"]


def test_a_dry_run_checks_and_counts_but_saves_nothing(db):
    report = run(json_upload(sample_page()), dry_run=True)
    assert report.ok and report.added == 6 and report.categories_added == 7
    assert not CommunityResource.objects.exists() and not Category.objects.exists()


def test_the_history_says_who_imported_what_from_where(db, administrator):
    run(json_upload(sample_page(), name="leeds.json"), by=administrator)
    entry = CommunityResource.objects.get(name="St Chad's lunch club").history.get()
    assert entry.history_user == administrator
    assert entry.history_change_reason == "Imported from leeds.json"
    assert {row.category.name for row in entry.categories.all()} == {
        "Food and meals",
        "Social activities",
    }


def _give(service: dict, n: int, **taxonomy_term) -> None:
    """Gives the service a term of its own about giving (this app's own taxonomies)."""
    term_id = f"1b0e9f8a-6666-4c1d-9e7a-00000000000{n}"
    service["attributes"].append(
        {
            "id": f"1b0e9f8a-7777-4c1d-9e7a-00000000000{n}",
            "link_id": service["id"],
            "link_type": "service",
            "taxonomy_term_id": term_id,
            "taxonomy_term": {"id": term_id, "description": "", **taxonomy_term},
        }
    )


def test_it_reads_how_people_can_give_from_this_apps_own_taxonomies(db):
    services = sample_services()
    _give(services[0], 1, name="Giving", taxonomy="Ways to give", term="giving")
    _give(services[0], 2, name="Volunteering", taxonomy="Ways to give", term="volunteering")
    _give(services[0], 3, name="Singing", taxonomy="Ways to give", term="singing")
    _give(services[0], 4, name="How", taxonomy="How to give", description="Wash up after lunch")
    assert run(json_upload(services)).ok
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    # In the order of the choices; a way this app does not know is left out.
    assert lunch.ways_to_give == ["volunteering", "giving"]
    assert lunch.how_to_give == "Wash up after lunch"
    assert {c.name for c in lunch.categories.all()} == {"Food and meals", "Social activities"}


def test_it_reports_words_about_giving_too_long_to_keep(db):
    services = sample_services()
    _give(services[0], 1, name="How", taxonomy="How to give", description="x" * 1001)
    report = run(json_upload(services, name="long.json"))
    assert [(p.row, p.field) for p in report.problems] == [
        (1, f"attributes[{len(services[0]['attributes']) - 1}].taxonomy_term.description")
    ]
    assert "1000 characters or fewer" in report.problems[0].message
    assert not CommunityResource.objects.exists()


def test_it_reuses_categories_by_id_or_name(db):
    food = Category.objects.create(name="Food and meals")
    run(json_upload(sample_page()))
    food.refresh_from_db()
    assert food.external_id  # the term's id, so the next import finds it by id
    assert Category.objects.filter(name="Food and meals").count() == 1


@pytest.mark.parametrize(
    ("breaks", "row", "field", "message"),
    [
        (lambda s: s[0].pop("name"), 1, "name", "Missing"),
        (lambda s: s[0].update(name="  "), 1, "name", "Empty"),
        (lambda s: s[1].update(status="open"), 2, "status", "Must be one of active, inactive"),
        (lambda s: s[0].update(minimum_age="sixty"), 1, "minimum_age", "Must be a number"),
        (lambda s: s[2].update(id="42"), 3, "id", "Must be a UUID"),
        (lambda s: s[2].update(email="carers.example.org"), 3, "email", "Must be an email address"),
        (lambda s: s[0].update(url="stchads.example.org"), 1, "url", "Must be a full web address"),
        (lambda s: s[0].update(name="x" * 201), 1, "name", "200 characters or fewer"),
        (lambda s: s[0].update(assured_date="last Tuesday"), 1, "assured_date", "Must be a date"),
        (lambda s: s[1].update(id=s[0]["id"]), 2, "id", "Another service has the same id"),
        (lambda s: s[0].update(contacts="Margaret"), 1, "contacts", "Must be a list"),
        (
            lambda s: s[0]["service_at_locations"][0]["location"]["addresses"][0].update(
                postal_code="NOWHERE"
            ),
            1,
            "service_at_locations[0].location.addresses[0].postal_code",
            "Enter a real postcode",
        ),
        (
            lambda s: s[1]["service_at_locations"][0]["location"]["addresses"][0].pop("city"),
            2,
            "service_at_locations[0].location.addresses[0].city",
            "Missing",
        ),
        (
            lambda s: s[0]["cost_options"][0].update(amount=10**9),
            1,
            "cost_options[0].amount",
            "Must be less than 100,000,000",
        ),
        (
            lambda s: s[0]["schedules"][0].update(opens_at="noonish"),
            1,
            "schedules[0].opens_at",
            "Must be a time, like 10:00:00",
        ),
        (
            lambda s: s[0]["schedules"][0].update(opens_at="12:00", closes_at="12:00:00"),
            1,
            "schedules[0].closes_at",
            "The closing time must not be the same as the opening time",
        ),
        (
            lambda s: s[0]["schedules"][0].update(notes="n" * 501),
            1,
            "schedules[0].notes",
            "500 characters or fewer",
        ),
        (
            lambda s: s[0]["attributes"][1]["taxonomy_term"].update(
                term_uri="https://example.org/" + "u" * 500
            ),
            1,
            "attributes[1].taxonomy_term.term_uri",
            "500 characters or fewer",
        ),
        (
            lambda s: s[0]["attributes"][0]["taxonomy_term"].update(name="y" * 101),
            1,
            "attributes[0].taxonomy_term.name",
            "100 characters or fewer",
        ),
    ],
)
def test_it_reports_broken_json_where_it_is_and_saves_nothing(db, breaks, row, field, message):
    services = sample_services()
    breaks(services)
    report = run(json_upload({"contents": services}, name="broken.json"))
    assert not report.ok
    found = [(p.file, p.row, p.field) for p in report.problems if message in p.message]
    assert found == [("broken.json", row, field)], report.problems
    assert not CommunityResource.objects.exists() and not Category.objects.exists()


def test_it_reports_every_problem_not_just_the_first(db):
    services = sample_services()
    services[0].pop("name")
    services[2]["status"] = "closed"
    services[4]["email"] = "nobody"
    report = run(json_upload(services))
    assert [(p.row, p.field) for p in report.problems] == [(1, "name"), (3, "status"), (5, "email")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"contents": [', "This is not valid JSON: Expecting value (line 1, column 15)"),
        (b'"a string"', "Expected a list of services"),
        (b"[1, 2]", "A service must be a JSON object"),
    ],
)
def test_it_explains_a_file_that_is_not_a_directory(db, content, message):
    report = run(Upload("broken.json", content))
    assert any(message in p.message for p in report.problems), report.problems


def test_it_imports_the_tabular_form_as_files_or_a_zip(db):
    assert run(csv_uploads(tabular_files()), dry_run=True).added == 1
    report = run(zip_upload(tabular_files()))
    assert report.ok and report.added == 1
    swim = CommunityResource.objects.get()
    assert str(swim.code) == SERVICE and swim.organisation_external_id == ORG
    assert (swim.organisation, swim.address_line_1, swim.postcode) == (
        "Bramley Baths",
        "Broad Lane",
        "LS13 3DF",
    )
    assert [c.name for c in swim.contacts.all()] == ["Reception"]
    assert swim.phone == "0113 496 0789"
    (line,) = swim.opening_hours.all()
    assert (line.days_display, line.opens_at, line.closes_at) == (
        "Wednesday and Friday",
        datetime.time(10),
        datetime.time(11),
    )
    assert (swim.cost, swim.minimum_age, swim.ages) == ("paid", 50, "50 and over")
    assert [(p.amount, p.amount_description) for p in swim.cost_options.all()] == [
        (Decimal("3.50"), "£3.50 a session")
    ]
    assert [c.name for c in swim.categories.all()] == ["Physical activity"]


def _edit(name: str, old: str, new: str):
    def edit(files: dict) -> None:
        assert old in files[name]
        files[name] = files[name].replace(old, new)

    return edit


@pytest.mark.parametrize(
    ("breaks", "where", "message"),
    [
        (
            _edit("services.csv", ",name,", ",title,"),
            ("services.csv", 1, "name"),
            "This column is missing",
        ),
        (_edit("services.csv", "Aqua aerobics", ""), ("services.csv", 2, "name"), "Empty"),
        (
            _edit("services.csv", "active", "paused"),
            ("services.csv", 2, "status"),
            "Must be one of",
        ),
        (
            _edit("services.csv", ",50\n", ",fifty\n"),
            ("services.csv", 2, "minimum_age"),
            "Must be a number",
        ),
        (
            _edit("services.csv", f"{SERVICE},{ORG}", f"{SERVICE},{SERVICE}"),
            ("services.csv", 2, "organization_id"),
            "No row of organizations.csv has this id",
        ),
        (
            _edit("contacts.csv", f",{SERVICE},", f",{ORG},"),
            ("contacts.csv", 2, "service_id"),
            "No row of services.csv has this id",
        ),
        (
            _edit("cost_options.csv", ",3.5,", ",cheap,"),
            ("cost_options.csv", 2, "amount"),
            "Must be a number",
        ),
        (
            _edit("address.csv", "LS13 3DF", "LS13"),
            ("address.csv", 2, "postal_code"),
            "Enter a real postcode",
        ),
        (
            _edit("phones.csv", "0113 496 0789\n", "0113,extra\n"),
            ("phones.csv", 2, ""),
            "more cells",
        ),
        (
            lambda files: files.update(
                {
                    "services.csv": files["services.csv"]
                    + files["services.csv"].split("\n")[1]
                    + "\n"
                }
            ),
            ("services.csv", 3, "id"),
            "Row 2 has the same id",
        ),
        (
            lambda files: files.pop("services.csv"),
            ("services.csv", None, ""),
            "services.csv is missing",
        ),
    ],
)
def test_it_reports_broken_csv_by_file_row_and_field(db, breaks, where, message):
    files = tabular_files()
    breaks(files)
    report = run(zip_upload(files))
    found = [(p.file, p.row, p.field) for p in report.problems if message in p.message]
    assert found == [where], report.problems
    assert not CommunityResource.objects.exists()


def test_it_refuses_a_damaged_zip_and_a_mixture_of_forms(db):
    damaged = run(Upload("directory.zip", b"PK\x03\x04 not really"))
    assert damaged.problems[0].message == "This zip file is damaged or cannot be opened"
    mixed = run([json_upload(sample_page()), *csv_uploads(tabular_files())])
    assert mixed.problems[0].message == "Send JSON files or CSV files, not both at once"
    assert not CommunityResource.objects.exists()


def test_it_reads_csv_saved_by_a_spreadsheet_on_windows(db):
    files = tabular_files()
    files["services.csv"] = files["services.csv"].replace("Aqua aerobics", "Aqua aérobics")
    uploads = [upload for upload in csv_uploads(files) if upload.name != "services.csv"]
    uploads.append(Upload("services.csv", files["services.csv"].encode("cp1252")))
    report = run(uploads)
    assert report.ok and CommunityResource.objects.get().name == "Aqua aérobics"
    assert "services.csv is not UTF-8; it was read as Windows-1252 text" in report.notes


def test_it_reads_a_null_field_as_one_not_given(db):
    services = sample_services()
    services[0]["email"] = None
    services[0]["contacts"][0]["title"] = None
    report = run(json_upload(services))
    assert report.ok, report.problems
    assert CommunityResource.objects.get(name="St Chad's lunch club").email == ""


def test_it_checks_postcodes_only_in_the_uk(db):
    services = sample_services()
    address = services[0]["service_at_locations"][0]["location"]["addresses"][0]
    address.update(country="IE", postal_code="D02 X285")
    assert run(json_upload(services)).ok
    assert CommunityResource.objects.get(name="St Chad's lunch club").postcode == "D02 X285"


SERVICE_KEYS = st.sampled_from(
    ["id", "name", "status", "contacts", "phones", "service_at_locations", "location", "addresses",
     "attributes", "taxonomy_term", "schedules", "cost_options", "organization", "postal_code"]
)  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(SERVICE_KEYS | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, database=None)
@given(data=json_values)
def test_no_json_breaks_the_reader(data):
    reading = read_uploads([Upload("fuzz.json", json.dumps({"contents": [data]}).encode())])
    assert reading.count or reading.problems


@settings(max_examples=60, deadline=None, database=None)
@given(rows=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6))
def test_no_csv_breaks_the_reader(rows):
    text = "\n".join(",".join(row) for row in [["id", "name", "status"], *rows])
    read_uploads([Upload("services.csv", text.encode())])


def _nested(depth: int, kind: str) -> str:
    opening, closing = ("[", "]") if kind == "list" else ('{"a":', "}")
    return opening * depth + "1" + closing * depth


@pytest.mark.parametrize("kind", ["list", "object"])
@pytest.mark.parametrize("depth", [40, 300, 600, 900, 5000, 100_000])
def test_it_refuses_json_nested_too_deeply(db, depth, kind):
    text = json.dumps(sample_services())
    content = f'{text[:-2]}, "extra": {_nested(depth, kind)}}}]'.encode()
    report = run(Upload("deep.json", content))
    assert [(p.file, p.row, p.message) for p in report.problems] == [
        ("deep.json", None, "The JSON is nested more than 32 levels deep: no service is")
    ]
    assert not CommunityResource.objects.exists()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1" + "0" * 5000, f"The number 1{'0' * 56}… is too large"),
        ("1e999", "The number 1e999 is too large"),
        ("-1e999", "The number -1e999 is too large"),
        ("NaN", "NaN is not a number JSON allows"),
        ("Infinity", "Infinity is not a number JSON allows"),
    ],
)
def test_it_refuses_a_number_no_service_could_hold(db, number, message):
    text = json.dumps(sample_services()).replace('"minimum_age": 60', f'"minimum_age": {number}')
    report = run(Upload("numbers.json", text.encode()))
    assert [(p.file, p.message) for p in report.problems] == [("numbers.json", message)]
    assert not CommunityResource.objects.exists()


@pytest.mark.parametrize(
    ("breaks", "field", "message"),
    [
        (lambda s: s[0].update(name="Lunch\x00club"), "name", "Must not contain null characters"),
        (
            lambda s: s[0]["contacts"][0].update(name="\x00"),
            "contacts[0].name",
            "Must not contain null characters",
        ),
        (
            lambda s: s[0].update({"notes\x00": "x"}),
            "",
            "A field name here must not contain null characters",
        ),
        (lambda s: s[0].update(description="half \ud800 a character"), "description", "half"),
    ],
)
def test_it_refuses_text_no_database_can_keep(db, breaks, field, message):
    services = sample_services()
    breaks(services)
    report = run(Upload("nul.json", json.dumps(services).encode()))  # escaped, as JSON allows
    found = [(p.row, p.field) for p in report.problems if message in p.message]
    assert found == [(1, field)] and len(report.problems) == 1, report.problems
    assert not CommunityResource.objects.exists()


def test_it_refuses_a_null_character_in_a_csv_cell(db):
    files = tabular_files()
    files["services.csv"] = files["services.csv"].replace("Aqua aerobics", "Aqua\x00aerobics")
    files["cost_options.csv"] = files["cost_options.csv"].replace(",3.5,", ",1e999,")
    report = run(zip_upload(files))
    assert [(p.file, p.row, p.field, p.message) for p in report.problems] == [
        ("cost_options.csv", 2, "amount", 'Must be a number, not "1e999"'),
        ("services.csv", 2, "name", "Must not contain null characters"),
    ]
    assert not CommunityResource.objects.exists()


def test_it_reads_csv_saved_as_unicode_text(db):
    files = tabular_files()
    uploads = [Upload(name, text.encode("utf-16")) for name, text in files.items()]
    report = run(uploads)
    assert report.ok and CommunityResource.objects.get().name == "Aqua aerobics"


@pytest.mark.parametrize("damage", damaged_zips())
def test_it_refuses_a_zip_whose_files_cannot_be_read(db, damage):
    report = run(Upload("directory.zip", damaged_zips()[damage]))
    assert [(p.file, p.message) for p in report.problems] == [
        ("directory.zip", "This zip file is damaged or cannot be opened")
    ]


def test_it_takes_back_the_quote_only_from_text_neutralised_as_this_app_does(db):
    files = tabular_files()
    files["services.csv"] = files["services.csv"].replace(
        "Aqua aerobics,Gentle exercise", "=Aqua aerobics,'-Gentle exercise"
    )
    files["organizations.csv"] = files["organizations.csv"].replace("Bramley", "'Bramley")
    files["phones.csv"] = files["phones.csv"].replace("0113 496 0789", "+44 113 496 0789")
    assert run(csv_uploads(files)).ok
    swim = CommunityResource.objects.get()
    assert (swim.name, swim.description) == ("=Aqua aerobics", "-Gentle exercise in warm water")
    assert (swim.organisation, swim.phone) == ("'Bramley Baths", "+44 113 496 0789")


@pytest.mark.parametrize(
    ("ages", "problem"),
    [
        ({"minimum_age": 12.5}, ("minimum_age", "Must be a whole number of years from 0 to 130")),
        ({"maximum_age": 200}, ("maximum_age", "Must be a whole number of years from 0 to 130")),
        ({"minimum_age": 65, "maximum_age": 18}, ("maximum_age", "Must not be less than")),
    ],
)
def test_ages_that_are_not_whole_years_in_order_are_refused(db, ages, problem):
    services = sample_services()
    services[0] |= ages
    report = run(json_upload(services))
    assert [(p.field, p.message[: len(problem[1])]) for p in report.problems] == [problem]
    assert not CommunityResource.objects.exists()


def test_an_age_range_round_trips(db):
    services = sample_services()
    services[0] |= {"minimum_age": 18, "maximum_age": 65}
    assert run(json_upload(services)).ok
    resource = CommunityResource.objects.get(name=services[0]["name"])
    assert (resource.minimum_age, resource.maximum_age, resource.ages) == (18, 65, "18 to 65")
    exported = service_from_resource(resource)
    assert (exported["minimum_age"], exported["maximum_age"]) == (18, 65)


def test_the_files_sent_together_are_bounded_in_all_not_one_zip_at_a_time(db, monkeypatch):
    from community.openreferral import reading

    from .openreferral_data import tabular_files, zip_upload

    tables = tabular_files()
    one = zip_upload(dict(list(tables.items())[:3]), "one.zip")
    two = zip_upload(dict(list(tables.items())[3:]), "two.zip")
    size = sum(len(text.encode()) for text in tables.values())
    monkeypatch.setattr(reading, "MAX_UNZIPPED_BYTES", size - 1)
    report = run([one, two])
    assert [(p.file, p.message) for p in report.problems] == [
        ("two.zip", "The files unpack to more than 500 MB in all")
    ]
    plain = [Upload(name, text.encode()) for name, text in tables.items()]
    assert run(plain).problems[-1].message == "The files unpack to more than 500 MB in all"
    assert not CommunityResource.objects.exists()
    monkeypatch.setattr(reading, "MAX_UNZIPPED_BYTES", size)
    assert run([one, two]).ok and CommunityResource.objects.count() == 1


def _services_file(tmp_path, form: str, copies: int):
    if form == "json":
        services = []
        for copy_number in range(copies):
            for service in sample_services():
                own_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{service['id']}/{copy_number}")
                service["id"] = str(own_id)
                services.append(service)
        content = json.dumps({"contents": services}, indent=2).encode()
    else:
        content = content_of(zip_upload(many_tables(copies)))
    path = tmp_path / f"{copies}.{form}"
    path.write_bytes(content)
    return path


# Reads a file in a fresh process: prints how many services it read back, and the process's
# peak resident memory in kB (Linux's VmHWM, which starts afresh with the program).
READ_IN_A_FRESH_PROCESS = """
import sys, django
django.setup()
from pathlib import Path
from community.openreferral.reading import Upload, read_uploads
path = Path(sys.argv[1])
with read_uploads([Upload.on_disk(path.name, path)]) as reading:
    assert not reading.problems, reading.problems[:3]
    count = sum(1 for _ in reading.services())
status = Path("/proc/self/status").read_text()
peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
print(count, peak)
"""


def _read_with_peak(path) -> tuple[int, int]:
    """How many services a fresh process read back from `path`, and its peak memory in bytes."""
    done = subprocess.run(
        [sys.executable, "-c", READ_IN_A_FRESH_PROCESS, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
    )
    count, peak = done.stdout.split()
    return int(count), int(peak) * 1024


def _unpacked_size(path) -> int:
    if path.suffix != ".zip":
        return path.stat().st_size
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux's /proc tells the peak")
@pytest.mark.parametrize(
    ("form", "per_copy", "copies", "share"),
    # The ids read stay in memory, to find any read twice: for the small tabular service,
    # whose text is about a kilobyte, they come to a third of its text.
    [("json", 6, (60, 600), 0.5), ("zip", 1, (800, 3200), 1)],
)
def test_reading_a_file_many_times_the_size_takes_no_more_memory(
    tmp_path, form, per_copy, copies, share
):
    """Beyond a batch of services (two hundred, joined from the CSV tables together), reading
    more takes no more memory: the file is read a piece at a time and what is read is kept on
    disk."""
    small, large = (_services_file(tmp_path, form, number) for number in copies)
    small_count, small_peak = _read_with_peak(small)
    large_count, large_peak = _read_with_peak(large)
    assert (small_count, large_count) == (copies[0] * per_copy, copies[1] * per_copy)
    more_text = _unpacked_size(large) - _unpacked_size(small)
    assert more_text > 2_500_000
    # Holding the text would take as much again; holding what was read, many times more.
    assert large_peak - small_peak < more_text * share
