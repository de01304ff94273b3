"""A refuge's address: kept by those who keep the directory, and nowhere else."""

import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from community.models import CommunityResource
from community.openreferral.exporting import export_page, export_zip, resources_to_export
from history.forms import current_version
from tests.factories import CommunityResourceFactory

from .openreferral_data import json_upload, run, sample_page

# Each piece of the address, as it would appear in any output.
ADDRESS = ["14 Harbour Row", "Back Lane", "Chapeltown", "Yorkshire Shire", "LS7 9QX"]
# And where it is on a map, which says as much.
HIDDEN = [*ADDRESS, "The Old Vicarage", "53.829123", "1.537456"]
ON_INTRODUCTION = "Address given on introduction"


@pytest.fixture
def refuge(db):
    return CommunityResourceFactory(
        name="Harbour House refuge",
        description="Safe rooms for women escaping domestic abuse",
        address_line_1="14 Harbour Row",
        address_line_2="Back Lane",
        town="Chapeltown",
        county="Yorkshire Shire",
        postcode="LS7 9QX",
        area="North Leeds",
        accessibility="Step-free entrance",
        address_confidential=True,
        latitude=Decimal("53.829123"),
        longitude=Decimal("-1.537456"),
        place_name="The Old Vicarage",
    )


def assert_hidden(text: str) -> None:
    found = [piece for piece in HIDDEN if piece.lower() in text.lower()]
    assert not found, f"The confidential address is shown: {found}"


def assert_shown(text: str) -> None:
    assert all(piece in text for piece in ADDRESS), "The address is missing"


@pytest.mark.parametrize("role", ["practitioner", "team_lead"])
def test_people_without_need_see_that_the_address_is_given_on_introduction(
    client, request, refuge, role
):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("community:detail", args=[refuge.code])).content.decode()
    assert ON_INTRODUCTION in page and "Harbour House refuge" in page
    assert_hidden(page)
    # The neighbourhood is not the address: it stays, so practitioners know roughly where.
    assert "North Leeds" in page
    listed = client.get(reverse("community:list"), {"q": "refuge"}).content.decode()
    assert "Harbour House refuge" in listed
    assert_hidden(listed)


def test_an_administrator_sees_the_address_and_that_it_is_kept_confidential(
    client, administrator, refuge
):
    client.force_login(administrator)
    page = client.get(reverse("community:detail", args=[refuge.code])).content.decode()
    assert_shown(page)
    assert "Address kept confidential" in page and ON_INTRODUCTION not in page


def test_an_address_that_is_not_confidential_is_shown_to_everyone(client, practitioner, refuge):
    refuge.address_confidential = False
    refuge.save()
    client.force_login(practitioner)
    page = client.get(reverse("community:detail", args=[refuge.code])).content.decode()
    assert_shown(page)
    assert ON_INTRODUCTION not in page and "Address kept confidential" not in page


def test_exports_leave_the_address_out_and_say_it_is_confidential(refuge):
    page = export_page(resources_to_export())
    text = json.dumps(page)
    assert_hidden(text)
    (service,) = page["contents"]
    terms = [attribute["taxonomy_term"] for attribute in service["attributes"]]
    assert {"taxonomy": "Address", "term": "confidential"}.items() <= next(
        term for term in terms if term.get("taxonomy") == "Address"
    ).items()
    # What is not the address still travels: how accessible the place is.
    location = service["service_at_locations"][0]["location"]
    assert "addresses" not in location and location["accessibility"]
    with zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export()))) as archive:
        for name in archive.namelist():
            assert_hidden(archive.read(name).decode())


def test_the_export_pages_leave_the_address_out(client, administrator, refuge):
    client.force_login(administrator)
    for name in ["community:export_json", "community:export_zip"]:
        response = client.get(reverse(name))
        body = b"".join(response.streaming_content)
        if name.endswith("zip"):
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                body = b"".join(archive.read(member) for member in archive.namelist())
        assert_hidden(body.decode())


def test_an_export_imported_elsewhere_keeps_the_flag_and_no_address(refuge):
    page = export_page(resources_to_export())
    CommunityResource.objects.all().delete()
    assert run(json_upload(page)).ok
    imported = CommunityResource.objects.get()
    assert imported.address_confidential
    assert imported.full_address == "" and imported.accessibility == "Step-free entrance"


def test_importing_an_export_back_keeps_the_address_the_directory_holds(refuge):
    page = export_page(resources_to_export())
    page["contents"][0]["description"] = "Safe rooms, and a key worker for each family"
    report = run(json_upload(page))
    assert report.ok and report.changed == 1
    refuge.refresh_from_db()
    assert refuge.description.startswith("Safe rooms, and a key worker")
    assert refuge.address_confidential
    assert_shown(refuge.full_address)
    assert (refuge.latitude, refuge.longitude) == (Decimal("53.829123"), Decimal("-1.537456"))


def test_an_import_that_does_not_say_confidential_never_clears_it(refuge):
    page = export_page(resources_to_export())
    service = page["contents"][0]
    service["attributes"] = [
        attribute
        for attribute in service["attributes"]
        if attribute["taxonomy_term"].get("taxonomy") != "Address"
    ]
    assert run(json_upload(page)).ok
    refuge.refresh_from_db()
    assert refuge.address_confidential


def test_an_import_with_an_address_and_the_flag_keeps_both(db):
    assert run(json_upload(sample_page())).ok
    refuge = CommunityResource.objects.get(name="Harbour House refuge")
    assert refuge.address_confidential and refuge.postcode == "LS7 9QX"
    others = CommunityResource.objects.exclude(pk=refuge.pk)
    assert not others.filter(address_confidential=True).exists()


def test_an_administrator_marks_an_address_confidential_and_clears_it(
    client, administrator, refuge
):
    refuge.address_confidential = False
    refuge.save()
    client.force_login(administrator)
    url = reverse("community:edit", args=[refuge.code])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"categories", "address_confidential"}
    }
    data |= {"address_confidential": "on", "version": current_version(refuge)}
    response = client.post(url, data)
    assert response.status_code == 302
    refuge.refresh_from_db()
    assert refuge.address_confidential
    assert refuge.history.first().address_confidential
    data |= {"version": current_version(refuge)}
    del data["address_confidential"]
    client.post(url, data)
    refuge.refresh_from_db()
    assert not refuge.address_confidential


def test_a_new_address_leaves_the_old_point_behind(client, administrator, refuge):
    client.force_login(administrator)
    url = reverse("community:edit", args=[refuge.code])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "categories"
    } | {"version": current_version(refuge)}
    # Saved with the same address, it keeps where it is.
    assert client.post(url, data).status_code == 302
    refuge.refresh_from_db()
    assert refuge.latitude == Decimal("53.829123")
    data |= {"postcode": "LS6 3HN", "version": current_version(refuge)}
    assert client.post(url, data).status_code == 302
    refuge.refresh_from_db()
    # Distances now use the new postcode's centre.
    assert (refuge.postcode, refuge.latitude, refuge.longitude) == ("LS6 3HN", None, None)


# A place of its own, beside a resource whose address anyone may see.
ANNEXE = ["Harbour House annexe", "9 Quay Street", "LS7 9QY"]


@pytest.fixture
def annexe(db):
    lunch = CommunityResourceFactory(
        name="Chapel lunch club", address_line_1="Otley Road", town="Leeds", postcode="LS16 5JT"
    )
    lunch.places.create(
        name="Bramley Baths", address_line_1="Broad Lane", town="Leeds", postcode="LS13 3DF"
    )
    lunch.places.create(
        name=ANNEXE[0],
        address_line_1=ANNEXE[1],
        town="Leeds",
        postcode=ANNEXE[2],
        confidential=True,
    )
    return lunch


@pytest.mark.parametrize("role", ["practitioner", "team_lead"])
def test_a_confidential_place_is_given_on_introduction(client, request, annexe, role):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("community:detail", args=[annexe.code])).content.decode()
    assert "Also at" in page and "Bramley Baths" in page and "Broad Lane" in page
    assert "Another place" in page and ON_INTRODUCTION in page
    assert not [piece for piece in ANNEXE if piece in page]


def test_an_administrator_sees_a_confidential_place(client, administrator, annexe):
    client.force_login(administrator)
    page = client.get(reverse("community:detail", args=[annexe.code])).content.decode()
    assert all(piece in page for piece in ANNEXE) and "Kept confidential" in page


def test_a_confidential_place_is_never_published_and_an_import_keeps_it(client, annexe):
    page = export_page(resources_to_export())
    text = json.dumps(page)
    assert "Bramley Baths" in text and not [piece for piece in ANNEXE if piece in text]
    with zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export()))) as archive:
        for name in archive.namelist():
            content = archive.read(name).decode()
            assert not [piece for piece in ANNEXE if piece in content], name
    answer = client.get(f"/api/open-referral/services/{annexe.code}").content.decode()
    assert "Bramley Baths" in answer and not [piece for piece in ANNEXE if piece in answer]
    # Imported back, the export changes nothing, and the confidential place stays.
    page["contents"][0]["description"] = "Hot lunches, now on Fridays too"
    assert run(json_upload(page)).ok
    assert sorted(annexe.places.values_list("name", flat=True)) == ["Bramley Baths", ANNEXE[0]]
