"""The public Open Referral UK API: every path the standard's OpenAPI file defines, every
answer checked against the standard's schema, and nothing a directory must not publish."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from community.models import Category, CommunityResource
from community.openreferral.mapping import made_up_id, service_id
from community.openreferral.tables import SCHEMA_DIR, api_response_validator
from community.openreferral.taxonomies import OWN_TERMS, TAXONOMIES, taxonomy_id
from demo.management.commands.demo_data import POSTCODE_CENTRES as DEMO_CENTRES
from postcode_centres.loading import centres_load
from tests.factories import CommunityResourceFactory
from tests.second_factor.helpers import app_for

API = "/api/open-referral"
PATHS = [
    "/",
    "/services",
    "/services/{id}",
    "/service_at_locations",
    "/service_at_locations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
]


@pytest.fixture
def api(db):
    """Anyone: no one is signed in."""
    return Client()


@pytest.fixture
def directory(db):
    food = Category.objects.create(name="Food", external_id="1b0e9f8a-0000-4c1d-9e7a-0000000000f0")
    lunch = CommunityResourceFactory(
        name="Chapel lunch club",
        description="Hot lunch and company",
        address_line_1="Otley Road",
        town="Leeds",
        postcode="LS16 5JT",
        minimum_age=60,
        ways_to_give=["volunteering"],
        asset_type="associations",
    )
    lunch.categories.set([food])
    youth = CommunityResourceFactory(
        name="Youth choir",
        description="Singing for young people",
        minimum_age=11,
        maximum_age=18,
        asset_type="culture",
        accessibility="Step-free",
    )
    refuge = CommunityResourceFactory(
        name="Harbour House refuge",
        description="Safe rooms",
        address_line_1="14 Harbour Row",
        postcode="LS7 9QX",
        address_confidential=True,
    )
    archived = CommunityResourceFactory(name="Closed café", status="archived")
    return {"lunch": lunch, "youth": youth, "refuge": refuge, "archived": archived}


def get(api, path: str, **query):
    response = api.get(API + path, query)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def valid(api, path: str, filled: str = "", **query) -> dict:
    """GETs `path` (as the OpenAPI file writes it; `filled` is the address with its id) and
    checks the answer against the schema the OpenAPI file gives for it."""
    response = get(api, filled or path, **query)
    assert response.status_code == 200, response.content
    data = response.json()
    errors = [error.message for error in api_response_validator(path).iter_errors(data)]
    assert errors == [], (path, errors)
    return data


def names(page: dict) -> list[str]:
    return [item.get("name") or item["service"]["name"] for item in page["contents"]]


def test_the_api_serves_every_path_the_standard_defines(api):
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    assert sorted(openapi["paths"]) == sorted(PATHS)


def test_the_root_says_which_version_and_profile(api):
    data = valid(api, "/")
    assert data["version"] == "3.0" and data["openapi_url"].endswith("/openapi.json")
    openapi = api.get(data["openapi_url"].replace("http://testserver", ""))
    assert openapi.status_code == 200 and "paths" in json_of(openapi)


def json_of(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def test_services_lists_only_active_resources_with_one_to_one_fields(api, directory):
    page = valid(api, "/services")
    assert names(page) == ["Chapel lunch club", "Harbour House refuge", "Youth choir"]
    assert page["total_items"] == 3 and page["first_page"] and page["last_page"]
    lunch = page["contents"][0]
    assert lunch["minimum_age"] == 60 and lunch["organization"]["name"]
    assert "attributes" not in lunch and "service_at_locations" not in lunch


def test_services_are_paged(api, directory):
    first = valid(api, "/services", per_page=2)
    second = valid(api, "/services", per_page=2, page=2)
    beyond = valid(api, "/services", per_page=2, page=3)
    assert (names(first), names(second), names(beyond)) == (
        ["Chapel lunch club", "Harbour House refuge"],
        ["Youth choir"],
        [],
    )
    assert (first["total_pages"], first["last_page"], second["last_page"]) == (2, False, True)
    assert beyond["empty"] and not beyond["first_page"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"search": "lunch"}, ["Chapel lunch club"]),
        ({"minimum_age": 18}, ["Chapel lunch club"]),
        ({"maximum_age": 18}, ["Youth choir"]),
        ({"minimum_age": 10, "maximum_age": 18}, ["Youth choir"]),
    ],
)
def test_services_are_searched_and_filtered_by_age(api, directory, query, found):
    assert names(valid(api, "/services", **query)) == found


def test_services_are_filtered_by_term_and_taxonomy(api, directory):
    food = Category.objects.get()
    assert names(valid(api, "/services", taxonomy_term_id=food.external_id)) == [
        "Chapel lunch club"
    ]
    culture = next(own.as_term()["id"] for own in OWN_TERMS if own.code == "culture")
    assert names(valid(api, "/services", taxonomy_term_id=culture)) == ["Youth choir"]
    ways = taxonomy_id("Ways to give")
    assert names(valid(api, "/services", taxonomy_id=ways)) == ["Chapel lunch club"]
    assert names(valid(api, "/services", taxonomy_term_id="nothing-of-ours")) == []
    assert names(valid(api, "/services", taxonomy_id="nothing-of-ours")) == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"page": "two"}, "page", "Must be a whole number from 1 to 1,000,000,000"),
        ({"page": "0"}, "page", "Must be a whole number from 1 to 1,000,000,000"),
        ({"page": "461170000000000000"}, "page", "Must be a whole number from 1 to 1,000,000,000"),
        ({"per_page": "1000"}, "per_page", "Must be a whole number from 1 to 200"),
        ({"minimum_age": "sixty"}, "minimum_age", "Must be a number of years"),
        ({"search": "lunch\x00"}, "search", "Null characters are not allowed."),
        ({"day": "Moonday"}, "day", "Must be a day of the week, like MO or Monday"),
        ({"start_time": "9am"}, "start_time", "Must be a time of day, like 09:30"),
        ({"end_time": "25:00"}, "end_time", "Must be a time of day, like 09:30"),
    ],
)
def test_a_malformed_parameter_is_answered_400_with_what_is_wrong(
    api, directory, query, field, message
):
    response = get(api, "/services", **query)
    assert response.status_code == 400
    assert response.json()["errors"][field][0].startswith(message)


def test_the_taxonomies_the_categories_came_from_are_listed_and_searched(api, directory):
    food = Category.objects.get()
    food.taxonomy, food.code = "esdServiceTypes", "1130"
    food.save()
    listed = valid(api, "/taxonomies", per_page="200")["contents"]
    esd = next(found for found in listed if found["name"] == "esdServiceTypes")
    whole = valid(api, "/taxonomies/{id}", f"/taxonomies/{esd['id']}")
    assert [(t["name"], t["term"]) for t in whole["taxonomy_terms"]] == [("Food", "1130")]
    assert names(valid(api, "/services", taxonomy_id=esd["id"])) == ["Chapel lunch club"]


def test_services_are_found_by_their_opening_days_and_times(api, directory):
    lunch, youth = directory["lunch"], directory["youth"]
    lunch.opening_hours.create(
        days="TH,FR", opens_at=datetime.time(12), closes_at=datetime.time(14)
    )
    youth.opening_hours.create(days="TH", opens_at=datetime.time(18), closes_at=datetime.time(20))
    # A line that held only last year, or holds only next year, is not in force today.
    today = timezone.localdate()
    for start, end in [(-400, -300), (300, 400)]:
        youth.opening_hours.create(
            days="MO",
            opens_at=datetime.time(9),
            closes_at=datetime.time(10),
            valid_from=today + datetime.timedelta(days=start),
            valid_to=today + datetime.timedelta(days=end),
        )
    for path in ["/services", "/service_at_locations"]:
        assert names(valid(api, path, day="TH")) == ["Chapel lunch club", "Youth choir"]
        assert names(valid(api, path, day="friday")) == ["Chapel lunch club"]
        assert names(valid(api, path, day="MO")) == []
        assert names(valid(api, path, day="TH", start_time="17:00")) == ["Youth choir"]
        assert names(valid(api, path, day="TH", end_time="14:00:00")) == ["Chapel lunch club"]
        # Day and times are of one line: none opens on Friday at six or later.
        assert names(valid(api, path, day="FR", start_time="18:00")) == []
    data = valid(api, "/services/{id}", f"/services/{service_id(lunch)}")
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in data["schedules"]] == [
        ("TH,FR", "12:00:00", "14:00:00")
    ]


@pytest.fixture
def centres(db):
    with DEMO_CENTRES.open(newline="") as file:
        centres_load(file)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"postcode": "ZZ9 9ZZ"}, "postcode", "No centre point is loaded for this postcode"),
        ({"proximity": "1000"}, "postcode", "Give a postcode to measure the proximity from"),
        (
            {"postcode": "LS6 3HN", "proximity": "a mile"},
            "proximity",
            "Must be a whole number of metres from 1 to 1,500,000",
        ),
        ({"postcode": "LS6 3HN", "proximity": "0"}, "proximity", "Must be a whole number of"),
        ({"postcode": "LS6 3HN", "day": "someday"}, "day", "Must be a day of the week"),
    ],
)
def test_a_malformed_distance_search_is_answered_400(
    api, directory, centres, query, field, message
):
    response = get(api, "/service_at_locations", **query)
    assert response.status_code == 400
    assert response.json()["errors"][field][0].startswith(message)


def test_services_at_locations_are_found_nearest_a_postcode_first(api, directory, centres):
    # The lunch club is at LS16 5JT; the choir has no address.
    CommunityResourceFactory(
        name="Bramley Baths", address_line_1="Broad Lane", town="Leeds", postcode="LS13 3DF"
    )
    # Its own point, as a directory published it, not its postcode's centre: in Hyde Park.
    CommunityResourceFactory(
        name="Kirkstall hall",
        address_line_1="Abbey Road",
        town="Leeds",
        postcode="LS5 3HS",
        latitude=Decimal("53.817000"),
        longitude=Decimal("-1.564000"),
    )
    page = valid(api, "/service_at_locations", postcode="ls63hn")
    # From Headingley: the hall (at its own point), the lunch club, the baths. The choir has
    # no point; the refuge is never measured.
    assert names(page) == ["Kirkstall hall", "Chapel lunch club", "Bramley Baths"]
    assert page["contents"][0]["location"]["latitude"] == 53.817
    near = valid(api, "/service_at_locations", postcode="LS6 3HN", proximity="2000")
    assert names(near) == ["Kirkstall hall", "Chapel lunch club"]
    assert names(valid(api, "/service_at_locations", postcode="LS6 3HN", proximity="1500")) == [
        "Kirkstall hall"
    ]
    # With the services' own filters, and paged.
    assert names(valid(api, "/service_at_locations", postcode="LS6 3HN", search="baths")) == [
        "Bramley Baths"
    ]
    second = valid(api, "/service_at_locations", postcode="LS6 3HN", per_page="1", page="2")
    assert names(second) == ["Chapel lunch club"] and second["total_items"] == 3


def test_a_refuge_is_never_found_by_how_near_it_is(api, directory, centres):
    refuge = directory["refuge"]  # at LS7 9QX, whose centre is loaded
    refuge.accessibility = "Step-free"
    refuge.latitude, refuge.longitude = Decimal("53.829000"), Decimal("-1.537000")
    refuge.save()
    for proximity in ["", "1", "100000"]:
        query = {"postcode": "LS7 9QX"} | ({"proximity": proximity} if proximity else {})
        answer = get(api, "/service_at_locations", **query).content.decode()
        assert "Harbour House refuge" not in answer and "53.829" not in answer


def test_a_service_comes_with_everything_nested(api, directory):
    lunch = directory["lunch"]
    data = valid(api, "/services/{id}", f"/services/{service_id(lunch)}")
    assert data["name"] == "Chapel lunch club"
    address = data["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == "LS16 5JT"
    assert "Food" in [attribute["taxonomy_term"]["name"] for attribute in data["attributes"]]


def test_an_archived_or_unknown_service_is_not_found(api, directory):
    archived = directory["archived"]
    assert get(api, f"/services/{service_id(archived)}").status_code == 404
    assert get(api, "/services/not-an-id").status_code == 404
    assert get(api, f"/services/{made_up_id('nothing')}").status_code == 404


def test_service_at_locations_lists_places_and_never_a_confidential_one(api, directory):
    page = valid(api, "/service_at_locations")
    # The refuge has no place to show: its address is confidential and it has no other words.
    assert names(page) == ["Chapel lunch club", "Youth choir"]
    assert names(valid(api, "/service_at_locations", search="choir")) == ["Youth choir"]
    link = page["contents"][1]
    data = valid(api, "/service_at_locations/{id}", f"/service_at_locations/{link['id']}")
    assert data["id"] == link["service_id"] and data["name"] == "Youth choir"
    assert get(api, f"/service_at_locations/{made_up_id('x')}").status_code == 404


def test_taxonomies_and_their_terms(api, directory):
    page = valid(api, "/taxonomies")
    assert names(page) == TAXONOMIES
    ways = taxonomy_id("Ways to give")
    one = valid(api, "/taxonomies/{id}", f"/taxonomies/{ways}")
    assert [term["term"] for term in one["taxonomy_terms"]] == [
        "volunteering",
        "joining",
        "giving",
    ]
    assert get(api, "/taxonomies/unknown").status_code == 404
    terms = valid(api, "/taxonomy_terms", per_page=200)
    assert names(terms) == [own.name for own in OWN_TERMS] + ["Food"]
    # A page that straddles our terms and the categories.
    last = valid(api, "/taxonomy_terms", per_page=len(OWN_TERMS), page=2)
    assert names(last) == ["Food"]
    food = Category.objects.get()
    term = valid(api, "/taxonomy_terms/{id}", f"/taxonomy_terms/{food.external_id}")
    assert term["name"] == "Food"
    assert get(api, "/taxonomy_terms/unknown").status_code == 404


def test_a_refuges_address_is_in_no_answer(api, directory):
    refuge = directory["refuge"]
    answers = [
        get(api, path, per_page=200).content.decode()
        for path in ["/services", "/service_at_locations", "/taxonomy_terms"]
    ]
    answers.append(get(api, f"/services/{service_id(refuge)}").content.decode())
    for text in answers:
        assert "Harbour Row" not in text and "LS7 9QX" not in text
    assert "Harbour House refuge" in answers[0]


def test_the_api_is_read_only_and_needs_no_sign_in(api, directory):
    assert api.get(API + "/services").status_code == 200
    assert api.post(API + "/services", {}).status_code == 405
    assert CommunityResource.objects.count() == 4


def test_a_page_of_services_takes_the_same_queries_however_many_there_are(
    api, directory, django_assert_max_num_queries
):
    for number in range(30):
        CommunityResourceFactory(name=f"Group {number:02}")
    with django_assert_max_num_queries(3):
        assert len(get(api, "/services", per_page=25).json()["contents"]) == 25


def test_someone_signed_in_but_not_past_the_second_factor_reads_it_too(client, practitioner):
    app_for(practitioner)
    client.force_login(practitioner)
    assert client.get("/").status_code == 302  # to the second factor
    assert client.get(API + "/services").status_code == 200


def test_a_service_is_listed_and_found_at_each_of_its_places(api, directory, centres):
    lunch = directory["lunch"]  # at LS16 5JT
    lunch.places.create(
        name="Bramley Baths", address_line_1="Broad Lane", town="Leeds", postcode="LS13 3DF"
    )
    lunch.places.create(
        name="Harbour House annexe",
        address_line_1="9 Quay Street",
        town="Leeds",
        postcode="LS7 9QX",
        confidential=True,
    )
    page = valid(api, "/service_at_locations")
    assert names(page) == ["Chapel lunch club", "Chapel lunch club", "Youth choir"]
    baths = page["contents"][1]
    whole = valid(api, "/service_at_locations/{id}", f"/service_at_locations/{baths['id']}")
    assert whole["name"] == "Chapel lunch club"
    assert [link["location"].get("name") for link in whole["service_at_locations"]] == [
        None,
        "Bramley Baths",
    ]
    # Within 3 km of Bramley: the baths, not the club's own place 4.4 km away.
    near = valid(api, "/service_at_locations", postcode="LS13 3DF", proximity="3000")
    assert [item["location_id"] for item in near["contents"]] == [baths["location_id"]]
    nearest_first = valid(api, "/service_at_locations", postcode="LS13 3DF", proximity="5000")
    assert [item["location_id"] for item in nearest_first["contents"]] == [
        baths["location_id"],
        page["contents"][0]["location_id"],
    ]
    # Never the confidential annexe, though its postcode's centre is loaded.
    far = valid(api, "/service_at_locations", postcode="LS7 9QX")
    assert names(far) == ["Chapel lunch club", "Chapel lunch club"]
    assert "Harbour House annexe" not in json.dumps(far) and "9 Quay Street" not in json.dumps(
        whole
    )
