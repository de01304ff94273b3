import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict
from jsonschema import Draft202012Validator, FormatChecker

from community.models import Category, CommunityResource
from community.openreferral.exporting import export_page, export_zip, resources_to_export
from community.openreferral.reading import Upload
from tests.factories import CommunityResourceFactory

from .openreferral_data import published_schema, run


@pytest.fixture
def directory(db):
    """Resources that use every field, and some that use almost none."""
    food = Category.objects.create(
        name="Food",
        external_id="1b0e9f8a-0000-4c1d-9e7a-0000000000f0",
        taxonomy="esdServiceTypes",
        code="1130",
        description="Food banks, lunch clubs and community meals",
        uri="https://standards.esd.org.uk/?uri=service/1130",
    )
    company = Category.objects.create(name="Company")
    full = CommunityResourceFactory(
        name="St Chad's lunch club",
        organisation="St Chad's Church",
        description="Hot lunch\nand company",
        asset_type="culture",
        address_line_1="Otley Road",
        address_line_2="Far Headingley",
        town="Leeds",
        county="West Yorkshire",
        postcode="LS16 5JT",
        area="Far Headingley",
        contact_name="Margaret Lowe",
        phone="0113 496 0123",
        email="lunch@example.org",
        website="https://stchads.example.org/lunch",
        opening_times="Thursdays\n12 to 2pm",
        who_for="Anyone over 60",
        cost="low_cost",
        cost_detail="£4.50",
        accessibility="Step-free; hearing loop",
        how_to_access="referral",
        ways_to_give=["volunteering", "joining", "giving"],
        how_to_give="Drivers needed on Tuesdays;\nbring a cake to share",
        latitude=Decimal("53.836512"),
        longitude=Decimal("-1.586534"),
    )
    full.categories.add(food, company)
    full.place_name = "St Chad's Parish Centre"
    full.save()
    full.places.create(
        name="Bramley Baths",
        address_line_1="Broad Lane",
        town="Leeds",
        postcode="LS13 3DF",
        latitude=Decimal("53.809000"),
        longitude=Decimal("-1.635000"),
        accessibility="Lift to the first floor",
    )
    full.places.create(name="Online", accessibility="Video calls with captions")
    full.places.create(
        name="Harbour House annexe",
        address_line_1="9 Quay Street",
        town="Leeds",
        postcode="LS7 9QY",
        confidential=True,
    )
    full.service_areas.create(
        name="Leeds North West",
        extent_type="geojson",
        extent='{"type": "Point"}',
        uri="https://example.org/lnw",
    )
    full.languages.create(name="Polish", code="pl", note="On Thursdays")
    full.languages.create(name="British Sign Language", code="bfi")
    full.contacts.create(name="Pat Green", title="Volunteer driver")
    full.contacts.create(title="Kitchen manager")
    full.cost_options.create(option="Two courses", amount=Decimal("4.50"))
    full.cost_options.create(
        option="Summer lunches",
        amount=Decimal("0"),
        amount_description="Free in the school holidays",
        valid_from=datetime.date(2027, 7, 21),
        valid_to=datetime.date(2027, 9, 1),
    )
    full.opening_hours.create(days="TH", opens_at=datetime.time(12), closes_at=datetime.time(14))
    full.opening_hours.create(
        days="MO,TU,WE,TH,FR",
        opens_at=datetime.time(10, 30),
        closes_at=datetime.time(16),
        valid_from=datetime.date(2027, 7, 21),
        valid_to=datetime.date(2027, 9, 1),
        notes="Summer holidays; closed for lunch 1pm to 2pm",
    )
    full.opening_hours.create(days="SA,SU", opens_at=datetime.time(20), closes_at=datetime.time(8))
    CommunityResourceFactory(name="Gone", status="archived", cost="unknown", last_verified=None)
    CommunityResourceFactory(
        name="Postcode only", postcode="LS6 3HN", cost="free", ways_to_give=["giving"]
    )
    CommunityResourceFactory(
        name="Accessible online",
        accessibility="Screen reader friendly",
        how_to_give="Answer the phone line from home",
    )
    return CommunityResource.objects.all()


def test_the_json_export_validates_against_the_published_schema(directory):
    page = export_page(resources_to_export())
    assert page["total_items"] == page["size"] == 4
    validator = Draft202012Validator(
        published_schema("compiled/service.json"), format_checker=FormatChecker()
    )
    for service in page["contents"]:
        assert not list(validator.iter_errors(service)), service["name"]
    assert [s["status"] for s in page["contents"]] == ["active", "inactive", "active", "active"]


def strict(schema):
    """The schema with no property it does not define allowed, at every level."""
    if isinstance(schema, dict):
        schema = {key: strict(value) for key, value in schema.items()}
        if schema.get("type") == "object" and "properties" in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [strict(value) for value in schema]
    return schema


def test_the_json_export_has_no_field_the_profile_does_not_define(directory):
    validator = Draft202012Validator(
        strict(published_schema("compiled/service.json")), format_checker=FormatChecker()
    )
    for service in export_page(resources_to_export())["contents"]:
        assert [error.message for error in validator.iter_errors(service)] == [], service["name"]


def test_what_the_profile_has_no_field_for_travels_as_terms_of_our_own(directory):
    page = export_page(resources_to_export())
    lunch = next(s for s in page["contents"] if s["name"] == "St Chad's lunch club")
    terms = {
        attribute["taxonomy_term"].get("taxonomy"): attribute["taxonomy_term"]
        for attribute in lunch["attributes"]
    }
    assert terms["Who it is for"]["description"] == "Anyone over 60"
    assert terms["Address line 2"]["description"] == "Far Headingley"
    assert "eligibility_description" not in lunch


@pytest.mark.parametrize("pieces", ["whole", "streamed"])
def test_the_csv_export_passes_the_standards_own_check(directory, tmp_path, pieces):
    """`frictionless validate` against the standard's datapackage.json, which the export
    carries: every table's columns, types and the keys that join them."""
    from frictionless import validate

    from community.openreferral.streaming import zip_pieces

    if pieces == "whole":
        content = export_zip(resources_to_export())
    else:
        content = b"".join(zip_pieces(resources_to_export()))
    zipfile.ZipFile(io.BytesIO(content)).extractall(tmp_path)
    report = validate(tmp_path / "datapackage.json")
    errors = [(task.name, error.message) for task in report.tasks for error in task.errors]
    assert errors == [] and report.valid
    assert len(report.tasks) == 17  # every table the standard's package names


def test_the_standards_check_catches_a_broken_package(directory, tmp_path):
    from frictionless import validate

    zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export()))).extractall(tmp_path)
    services = (tmp_path / "services.csv").read_text()
    (tmp_path / "services.csv").write_text(services.replace(",active,", ",open,", 1))
    assert not validate(tmp_path / "datapackage.json").valid


def _rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode(), newline="")))


def _typed(row: dict, schema: dict) -> dict:
    """A CSV row as JSON: numbers as numbers; an empty cell left out unless it is required."""
    required = set(schema["required"])
    typed = {}
    for name, value in row.items():
        kind = schema["properties"].get(name, {}).get("type")
        if value == "" and name not in required:
            continue
        typed[name] = float(value) if kind == "number" else value
    return typed


def assert_tables_validate(archive: zipfile.ZipFile) -> int:
    """Checks every row of every table against the published schema; how many were checked."""
    checked = 0
    for table in ["service", "organization", "contact", "phone", "schedule", "service_area",
                  "cost_option", "service_at_location", "location", "address", "accessibility",
                  "attribute", "taxonomy_term"]:  # fmt: skip
        schema = published_schema(f"{table}.json")
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        for row in _rows(archive, schema["path"]):
            assert not list(validator.iter_errors(_typed(row, schema))), (table, row)
            assert all(row.get(name) for name in schema.get("tabular_required", [])
                       if name in schema["properties"]), (table, row)  # fmt: skip
            checked += 1
    return checked


def test_the_csv_export_validates_table_by_table(directory):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export())))
    assert assert_tables_validate(archive) > 20


def test_the_csv_export_has_one_row_per_record(directory):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export())))
    assert len(_rows(archive, "services.csv")) == 4
    terms = _rows(archive, "taxonomy_terms.csv")
    assert len(terms) == len({term["id"] for term in terms})
    assert {"Food", "Company", "Culture", "Needs an introduction", "Volunteering"} <= {
        t["name"] for t in terms
    }
    # One term for each way to give, whichever resources give that way; its words, each their own.
    assert [t["name"] for t in terms].count("Giving money or things") == 1
    assert [t["name"] for t in terms].count("How people can give") == 2


def _snapshot() -> list[dict]:
    """Everything a resource holds that an export must carry, by name."""
    ignored = {"id", "categories", "external_id", "organisation_external_id"}
    return [
        {key: value for key, value in model_to_dict(resource).items() if key not in ignored}
        | {
            "code": resource.code,
            "categories": sorted(
                (c.name, c.taxonomy, c.code, c.description, c.uri)
                for c in resource.categories.all()
            ),
        }
        | {
            "opening_hours": [
                model_to_dict(line, exclude=["id"]) | {"resource": resource.code}
                for line in resource.opening_hours.all()
            ],
            "contacts": [(contact.name, contact.title) for contact in resource.contacts.all()],
            "service_areas": [
                model_to_dict(area, exclude=["id", "resource"])
                for area in resource.service_areas.all()
            ],
            "languages": [
                (spoken.name, spoken.code, spoken.note) for spoken in resource.languages.all()
            ],
            "cost_options": [
                model_to_dict(price, exclude=["id", "resource"])
                for price in resource.cost_options.all()
            ],
            "places": [
                model_to_dict(place, exclude=["id", "resource"])
                for place in resource.places.all()
                # Never exported: a confidential place stays in the directory that keeps it.
                if not place.confidential
            ],
        }
        for resource in CommunityResource.objects.order_by("name")
    ]


@pytest.mark.parametrize("kind", ["json", "zip"])
def test_an_export_imports_into_an_empty_database_with_nothing_lost(directory, kind):
    before = _snapshot()
    resources = resources_to_export()
    content = (
        json.dumps(export_page(resources)).encode() if kind == "json" else export_zip(resources)
    )
    CommunityResource.objects.all().delete()
    Category.objects.all().delete()
    report = run(Upload(f"directory.{kind}", content))
    assert report.ok and report.added == 4, report.problems
    assert _snapshot() == before
    assert Category.objects.get(name="Food").external_id == "1b0e9f8a-0000-4c1d-9e7a-0000000000f0"


def test_importing_an_export_into_the_same_directory_changes_nothing(directory):
    content = json.dumps(export_page(resources_to_export())).encode()
    report = run(Upload("directory.json", content))
    assert (report.added, report.changed, report.unchanged) == (0, 0, 4)


@pytest.fixture
def formulas(db):
    """Free text that a spreadsheet would run as a formula, and codes that only look like it."""
    CommunityResourceFactory(
        name='=HYPERLINK("https://evil.example","Click")',
        description="-starts with minus",
        organisation="'=quoted",
        contact_name="@SUM(A1:A9)",
        phone="+44 113 496 0123",
        opening_times="+ Thursdays, 10 to 12",
        area="''-two quotes",
        cost="paid",
        cost_detail="=1+1",
        address_line_1="1 Spreadsheet Row",
        postcode="LS6 3HN",
        town="@Leeds",
        how_to_give="=bring tins",
    )
    CommunityResourceFactory(name="+44 phone", phone="=cmd|' /C calc'!A0")
    return CommunityResource.objects.all()


def _cells(archive: zipfile.ZipFile, name: str, column: str) -> list[str]:
    return [row[column] for row in _rows(archive, name)]


def test_it_neutralises_formulas_in_the_free_text_of_the_csv_export(formulas):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export())))
    assert _cells(archive, "services.csv", "name") == [
        "'+44 phone",
        '\'=HYPERLINK("https://evil.example","Click")',
    ]
    assert "'-starts with minus" in _cells(archive, "services.csv", "description")
    assert "''=quoted" in _cells(archive, "organizations.csv", "name")
    assert "'@SUM(A1:A9)" in _cells(archive, "contacts.csv", "name")
    # Phone numbers travel as terms' words: the profile's JSON form has no phones.
    words = _cells(archive, "taxonomy_terms.csv", "description")
    assert "'=cmd|' /C calc'!A0" in words and "+44 113 496 0123" in words
    assert _cells(archive, "schedule.csv", "description") == ["'+ Thursdays, 10 to 12"]
    assert "'=1+1" in _cells(archive, "cost_options.csv", "amount_description")
    assert _cells(archive, "address.csv", "city") == ["'@Leeds"]
    assert _cells(archive, "address.csv", "state_province") == ["'@Leeds"]
    assert _cells(archive, "service_areas.csv", "name") == ["'''-two quotes"]
    assert "'=bring tins" in _cells(archive, "taxonomy_terms.csv", "description")


def test_it_leaves_ids_codes_and_phone_numbers_as_they_are_in_the_csv_export(formulas):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export())))
    services = export_page(resources_to_export())["contents"]
    assert sorted(_cells(archive, "services.csv", "id")) == sorted(s["id"] for s in services)
    assert set(_cells(archive, "services.csv", "status")) == {"active"}
    assert _cells(archive, "address.csv", "postal_code") == ["LS6 3HN"]
    assert "+44 113 496 0123" in _cells(archive, "taxonomy_terms.csv", "description")
    assert assert_tables_validate(archive) > 10


def test_it_imports_neutralised_text_back_exactly_as_it_was(formulas):
    before = _snapshot()
    content = export_zip(resources_to_export())
    CommunityResource.objects.all().delete()
    Category.objects.all().delete()
    report = run(Upload("directory.zip", content))
    assert report.ok and report.added == 2, report.problems
    assert _snapshot() == before
    assert CommunityResource.objects.get(name="+44 phone").phone == "=cmd|' /C calc'!A0"


def test_it_leaves_the_json_export_as_it_is(formulas):
    names = [service["name"] for service in export_page(resources_to_export())["contents"]]
    assert names == ["+44 phone", '=HYPERLINK("https://evil.example","Click")']


def test_the_ways_to_give_travel_as_terms_of_this_apps_own_taxonomies(directory):
    service = next(
        s for s in export_page(resources_to_export())["contents"] if s["name"] == "Postcode only"
    )
    terms = [attribute["taxonomy_term"] for attribute in service["attributes"]]
    ways = [t for t in terms if t.get("taxonomy") == "Ways to give"]
    assert [(t["term"], t["name"]) for t in ways] == [("giving", "Giving money or things")]
    assert not [t for t in terms if t.get("taxonomy") == "How to give"]
