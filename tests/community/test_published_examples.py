"""The standard's own published examples, imported as they are: every valid one is
accepted and round-trips; every invalid one is refused, saying why."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from community.models import Category, CommunityResource
from community.openreferral.exporting import export_page, export_zip, resources_to_export
from community.openreferral.reading import Upload
from community.openreferral.tables import listed_service_fields

from .openreferral_data import content_of, run

PUBLISHED = Path(__file__).parent / "published"


def files(*paths: str) -> list[Upload]:
    found = []
    for path in paths:
        full = PUBLISHED / path
        chosen = sorted(full.iterdir()) if full.is_dir() else [full]
        found += [Upload(file.name, file.read_bytes()) for file in chosen if file.name != "LICENSE"]
    return found


def zipped(folder: str) -> Upload:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for upload in files(folder):
            archive.writestr(upload.name, content_of(upload))
    return Upload(f"{Path(folder).parent.name}.zip", buffer.getvalue())


VALID = {
    "UK profile, one service": lambda: files("uk-profile/service_full.json"),
    "UK profile, a /services page": lambda: files("uk-profile/service_list.json"),
    "UK profile, CSV files": lambda: files("uk-profile/csv"),
    "UK profile, CSV zipped": lambda: [zipped("uk-profile/csv")],
    "HSDS 3.0, one service": lambda: files("hsds-3.0/service_full.json"),
    "HSDS 3.0, a /services page": lambda: files("hsds-3.0/service_list.json"),
    "HSDS 3.0, CSV files and datapackage.json": lambda: files("hsds-3.0/csv"),
    "HSDS 3.0, CSV zipped": lambda: [zipped("hsds-3.0/csv")],
}


def without_times(page: dict) -> dict:
    """The export but when each resource was last saved here, which a new import changes."""
    for service in page["contents"]:
        service.pop("last_modified")
    return page


@pytest.mark.parametrize("example", sorted(VALID))
def test_every_valid_published_example_imports_and_round_trips(db, example):
    report = run(VALID[example]())
    assert report.ok, report.problems
    assert report.services == report.added == CommunityResource.objects.count() == 1
    first = without_times(export_page(resources_to_export()))
    as_zip = export_zip(resources_to_export())
    # Into an empty directory, as JSON and as CSV: the same export again.
    for upload in [Upload("export.json", json.dumps(first).encode()), Upload("e.zip", as_zip)]:
        CommunityResource.objects.all().delete()
        assert run(upload).ok
        assert without_times(export_page(resources_to_export())) == first


def test_of_two_files_of_one_table_the_schemas_is_read_and_the_other_is_reported(db):
    report = run(files("uk-profile/csv"), dry_run=True)
    assert report.ok
    assert "addresses.csv was not read: address.csv holds the address rows, as the schema says" in (
        report.notes
    )
    assert (
        "schedules.csv was not read: schedule.csv holds the schedule rows, as the schema says"
        in (report.notes)
    )


def test_the_file_a_data_package_names_wins_over_the_schemas(db):
    uploads = files("uk-profile/csv")
    names = [upload.name for upload in uploads if upload.name.endswith(".csv")]
    resources = [{"name": name[:-4], "path": name} for name in names if name != "address.csv"]
    package = Upload("datapackage.json", json.dumps({"resources": resources}).encode())
    report = run([*uploads, package], dry_run=True)
    assert report.ok, report.problems
    assert (
        "address.csv was not read: addresses.csv holds the address rows, as datapackage.json says"
        in report.notes
    )


def test_a_data_package_that_cannot_be_read_is_a_problem(db):
    package = Upload("datapackage.json", b'{"resources": 3}')
    report = run([*files("hsds-3.0/csv")[:0], *files("uk-profile/csv"), package], dry_run=True)
    assert [(p.file, p.message) for p in report.problems] == [
        ("datapackage.json", "This is not a data package the tables could be read by")
    ]


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        (
            "oruk-validator/V3.0-UK-Fail/service_full.json",
            [
                (
                    "email",
                    'Must be an email address, like name@example.org, not "email-example_com"',
                ),
                ("url", "Must be a full web address, like https://example.org"),
            ],
        ),
        (
            "oruk-validator/V3.0-UK-Fail/service_list.json",
            [("name", "Missing: every record needs this")],
        ),
        (
            "oruk-validator/V3.0-UK-Test/service_list.json",
            [("id", "Another service has the same id (service_list.json, row 1)")],
        ),
    ],
)
def test_every_invalid_published_example_is_refused_saying_why(db, example, expected):
    report = run(files(example))
    assert not report.ok
    found = {(problem.field, problem.message) for problem in report.problems}
    for field, message in expected:
        assert any(f == field and m.startswith(message) for f, m in found), (field, found)
    assert not CommunityResource.objects.exists()


def test_an_address_abroad_keeps_its_country_and_its_postcode(db):
    assert run(files("uk-profile/service_full.json")).ok
    resource = CommunityResource.objects.get()
    assert (resource.country, resource.postcode) == ("US", "ABC 1234")
    (service,) = export_page(resources_to_export())["contents"]
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["country"], address["postal_code"]) == ("US", "ABC 1234")


def test_a_country_that_is_not_two_letters_is_refused(db):
    page = json.loads((PUBLISHED / "uk-profile" / "service_full.json").read_text())
    address = page["service_at_locations"][0]["location"]["addresses"][0]
    address["country"] = "Atlantis"
    report = run(Upload("service.json", json.dumps(page).encode()))
    assert [(p.field, p.message) for p in report.problems] == [
        (
            "service_at_locations[0].location.addresses[0].country",
            "Must be a country's two-letter code, like GB or IE, not 'Atlantis'",
        )
    ]


def test_a_page_of_services_updates_only_the_fields_it_carries(db):
    from .openreferral_data import json_upload, sample_services

    assert run(json_upload(sample_services())).ok
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    before = {name: getattr(lunch, name) for name in ["phone", "areas", "cost"]} | {
        "address": lunch.full_address,
        "asset_type": lunch.asset_type,
    }
    categories = set(lunch.categories.values_list("name", flat=True))
    hours = list(lunch.opening_hours.values_list("days", "opens_at", "closes_at"))
    prices = list(lunch.cost_options.values_list("amount", "amount_description"))
    contacts = list(lunch.contacts.values_list("name", "title"))
    assert all(before.values()) and categories and hours and prices and contacts
    # As the API's /services lists it: one-to-one fields only.
    listed = [
        {name: service[name] for name in listed_service_fields() if name in service}
        for service in sample_services()
    ]
    listed[0]["description"] = "Now on Fridays too"
    report = run(json_upload({"contents": listed}))
    assert report.ok and report.changed == 1
    lunch.refresh_from_db()
    assert lunch.description == "Now on Fridays too"
    after = {name: getattr(lunch, name) for name in before if name not in {"address"}}
    assert after | {"address": lunch.full_address} == before
    assert set(lunch.categories.values_list("name", flat=True)) == categories
    assert list(lunch.opening_hours.values_list("days", "opens_at", "closes_at")) == hours
    assert list(lunch.cost_options.values_list("amount", "amount_description")) == prices
    assert list(lunch.contacts.values_list("name", "title")) == contacts


def test_a_full_service_with_an_empty_list_empties_what_it_no_longer_has(db):
    from .openreferral_data import json_upload, sample_services

    services = sample_services()
    assert run(json_upload(services)).ok
    services[0]["contacts"] = []
    services[0]["schedules"] = []
    assert run(json_upload(services)).ok
    lunch = CommunityResource.objects.get(name="St Chad's lunch club")
    assert (lunch.contact_name, lunch.phone, lunch.opening_times) == ("", "", "")
    assert not lunch.contacts.exists()
    assert not lunch.opening_hours.exists()


def test_services_csv_alone_updates_only_what_its_columns_carry(db):
    from .openreferral_data import run as run_import
    from .openreferral_data import tabular_files

    tables = tabular_files()
    assert run_import([Upload(name, text.encode()) for name, text in tables.items()]).ok
    swim = CommunityResource.objects.get()
    kept = (list(swim.contacts.all()), swim.full_address, list(swim.categories.all()))
    services = tables["services.csv"].replace("Gentle exercise", "Gentle swimming")
    report = run_import(
        [
            Upload("organizations.csv", tables["organizations.csv"].encode()),
            Upload("services.csv", services.encode()),
        ]
    )
    assert report.ok and report.changed == 1
    swim.refresh_from_db()
    assert swim.description.startswith("Gentle swimming")
    assert (list(swim.contacts.all()), swim.full_address, list(swim.categories.all())) == kept


def test_what_a_page_of_services_does_not_list_is_known_from_the_schema():
    from community.openreferral.mapping import NOT_LISTED

    assert not set(NOT_LISTED) & listed_service_fields()
    assert {"name", "description", "email", "url", "minimum_age"} <= listed_service_fields()


def test_what_the_import_does_not_keep_is_listed_per_service_and_field(db):
    report = run(files("uk-profile/service_full.json"))
    assert report.ok
    (service,) = report.not_kept_services
    assert (service["file"], service["row"]) == ("service_full.json", 1)
    for field in [
        "service_at_locations.location.external_identifier",
        "service_areas.service_area",
        "schedules.dtstart",
        "organization.description",
    ]:
        assert field in service["fields"] and report.not_kept_by_field[field] == 1
    # What it keeps is not listed.
    assert not {"name", "email", "schedules.byday", "contacts.name"} & set(service["fields"])


def test_our_own_export_loses_nothing(db):
    from .openreferral_data import json_upload, sample_services

    assert run(json_upload(sample_services())).ok
    report = run(Upload("export.json", json.dumps(export_page(resources_to_export())).encode()))
    assert report.ok and report.not_kept_by_field == {}


def test_the_report_page_shows_what_was_not_kept(client, administrator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.openreferral.tasks import directory_import_start
    from jobs.worker import tasks_run_queued

    upload = files("uk-profile/service_full.json")[0]
    job = directory_import_start(
        files=[SimpleUploadedFile(upload.name, content_of(upload))], dry_run=True, by=administrator
    )
    tasks_run_queued()
    client.force_login(administrator)
    page = client.get(f"/community/open-referral/reports/{job.pk}/").content.decode()
    assert "What the directory does not keep" in page
    assert (
        "service_at_locations.location.external_identifier" in page
        and "they would not be saved" in page
    )


def test_a_term_keeps_its_taxonomy_code_words_and_address(db):
    assert run(files("uk-profile/service_full.json")).ok
    category = Category.objects.get(name="name")
    assert (category.taxonomy, category.code, category.description, category.uri) == (
        "taxonomy",
        "name",
        "description",
        "http://example.com",
    )
    (service,) = export_page(resources_to_export())["contents"]
    terms = [
        a["taxonomy_term"] for a in service["attributes"] if a["taxonomy_term"]["name"] == "name"
    ]
    assert [(t["taxonomy"], t["term"], t["description"], t["term_uri"]) for t in terms] == [
        ("taxonomy", "name", "description", "http://example.com")
    ]
    # Read again, a term that says less of its category takes nothing away.
    from .openreferral_data import json_upload

    for term in terms:
        for key in ["taxonomy", "taxonomy_id", "term", "term_uri"]:
            term.pop(key)
    assert run(json_upload(service)).ok
    category.refresh_from_db()
    assert (category.taxonomy, category.uri) == ("taxonomy", "http://example.com")


def test_the_languages_spoken_are_kept_and_travel_as_terms_of_ours(db):
    assert run(files("hsds-3.0/service_full.json")).ok
    (language,) = CommunityResource.objects.get().languages.all()
    assert (language.name, language.code) == ("Urdu", "ur")
    assert language.note.startswith("Translation services provided via bilingual staff")
    (service,) = export_page(resources_to_export())["contents"]
    spoken = [
        a["taxonomy_term"]
        for a in service["attributes"]
        if a["taxonomy_term"].get("taxonomy") == "Languages spoken"
    ]
    assert [(t["name"], t["term"]) for t in spoken] == [("Urdu", "ur")]
