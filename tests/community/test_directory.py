import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community.models import Category, CommunityResource
from history.forms import current_version
from tests.factories import CommunityResourceFactory, ConnectionFactory

RESOURCE = {
    "name": "St Chad's lunch club",
    "description": "Hot lunch and company every Thursday",
    "asset_type": "associations",
    "postcode": "ls6 3hn",
    "cost": "low_cost",
    "how_to_access": "self_referral",
    "website": "stchads.example.org",
}


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


def test_an_administrator_adds_a_resource_with_history(as_admin, administrator):
    category = Category.objects.create(name="Food")
    response = as_admin.post(reverse("community:add"), {**RESOURCE, "categories": [category.pk]})
    resource = CommunityResource.objects.get()
    assert response.url == reverse("community:detail", args=[resource.code])
    assert resource.postcode == "LS6 3HN" and resource.website == "https://stchads.example.org"
    assert list(resource.categories.all()) == [category]
    assert {entry.history_user for entry in resource.history.all()} == {administrator}
    # Just entered, it counts as checked today: it is not first in the freshness review.
    assert resource.last_verified == timezone.localdate()
    page = as_admin.get(reverse("community:add")).content.decode()
    assert (
        'type="url" name="website"' in page
        and 'class="govuk-input' in page.split('name="website"')[1].split(">")[0]
    )


def test_an_administrator_says_how_people_can_give_there_with_history(as_admin, administrator):
    data = {
        **RESOURCE,
        "ways_to_give": ["giving", "volunteering"],
        "how_to_give": "Drivers needed on Tuesdays",
    }
    as_admin.post(reverse("community:add"), data)
    resource = CommunityResource.objects.get()
    # Kept in the order of the choices, whatever order they came in.
    assert resource.ways_to_give == ["volunteering", "giving"]
    assert resource.how_to_give == "Drivers needed on Tuesdays"
    created = resource.history.get()
    assert (created.ways_to_give, created.how_to_give) == (
        ["volunteering", "giving"],
        "Drivers needed on Tuesdays",
    )
    url = reverse("community:edit", args=[resource.code])
    data |= {"ways_to_give": ["joining"], "how_to_give": "", "version": current_version(resource)}
    as_admin.post(url, data)
    changed = resource.history.first()
    assert (changed.ways_to_give, changed.how_to_give, changed.history_user) == (
        ["joining"],
        "",
        administrator,
    )


def test_the_resource_form_shows_the_ways_to_give_already_chosen(as_admin):
    resource = CommunityResourceFactory(ways_to_give=["joining"])
    page = as_admin.get(reverse("community:edit", args=[resource.code])).content.decode()
    checked = re.findall(r'value="(\w+)"\s+checked', page)
    assert "How people can give here" in page and "joining" in checked
    assert "volunteering" not in checked and "giving" not in checked


def test_a_way_to_give_must_be_one_of_the_list(db):
    resource = CommunityResourceFactory.build(ways_to_give=["volunteering", "singing"])
    with pytest.raises(ValidationError) as error:
        resource.full_clean(exclude=["categories"])
    assert error.value.message_dict["ways_to_give"] == [
        "Select the ways people can give from the list"
    ]


@pytest.mark.parametrize("cast", ["practitioner", "team_lead", "administrator"])
def test_the_resource_page_says_how_people_can_give_beside_its_support(client, db, request, cast):
    resource = CommunityResourceFactory(
        ways_to_give=["volunteering", "giving"], how_to_give="Bring tins for the larder"
    )
    client.force_login(request.getfixturevalue(cast))
    page = client.get(reverse("community:detail", args=[resource.code])).content.decode()
    giving = page[page.index("How people can give here") :]
    assert "Volunteering" in giving and "Giving money or things" in giving
    assert "Joining as a member" not in giving and "Bring tins for the larder" in giving
    found = client.get(reverse("community:list")).content.decode()
    assert "How people can give: volunteering, giving money or things" in found


def test_a_resource_that_asks_nothing_says_nothing_of_giving(signed_in):
    resource = CommunityResourceFactory()
    page = signed_in.get(reverse("community:detail", args=[resource.code])).content.decode()
    assert "How people can give" not in page
    assert "How people can give" not in signed_in.get(reverse("community:list")).content.decode()


def test_it_says_a_resource_needs_an_introduction_in_plain_words(signed_in):
    resource = CommunityResourceFactory(how_to_access="referral")
    page = signed_in.get(reverse("community:detail", args=[resource.code])).content.decode()
    assert "Needs an introduction" in page and "referral" not in page.lower()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ways_to_give": ["flying"]}, "Select the ways people can give from the list"),
        ({"how_to_give": "x" * 1001}, "How can they give? must be 1000 characters or fewer"),
        ({"name": ""}, "Enter the resource&#x27;s name"),
        ({"description": ""}, "Enter a description of the resource"),
        ({"asset_type": "magic"}, "Select what kind of asset it is"),
        ({"postcode": "nowhere"}, "Enter a real postcode"),
        ({"email": "lunch.example.org"}, "Enter an email address in the correct format"),
        ({"website": "not a web address"}, "Enter a web address in the correct format"),
        ({"name": "x" * 201}, "Name must be 200 characters or fewer"),
    ],
)
def test_it_explains_bad_input_and_saves_nothing(as_admin, changes, message):
    response = as_admin.post(reverse("community:add"), {**RESOURCE, **changes})
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not CommunityResource.objects.exists()


def test_an_administrator_edits_a_resource_and_its_categories(as_admin, administrator):
    resource = CommunityResourceFactory()
    food = Category.objects.create(name="Food")
    url = reverse("community:edit", args=[resource.code])
    data = {**RESOURCE, "name": "Renamed", "categories": [food.pk]}
    response = as_admin.post(url, {**data, "version": current_version(resource)})
    assert response.url == reverse("community:detail", args=[resource.code])
    resource.refresh_from_db()
    assert resource.name == "Renamed" and list(resource.categories.all()) == [food]
    assert resource.history.first().history_user == administrator


def test_it_archives_and_restores_but_never_deletes(as_admin):
    resource = CommunityResourceFactory()
    url = reverse("community:archive", args=[resource.code])
    as_admin.post(url)
    resource.refresh_from_db()
    assert resource.status == "archived"
    assert resource not in CommunityResource.objects.active()
    as_admin.post(url)
    resource.refresh_from_db()
    assert resource.is_active


def test_the_review_queue_lists_stale_resources_oldest_first(as_admin, settings):
    settings.RESOURCE_STALE_AFTER_MONTHS = 12
    today = timezone.localdate()
    CommunityResourceFactory(name="Fresh", last_verified=today)
    CommunityResourceFactory(name="Old", last_verified=today - datetime.timedelta(days=400))
    CommunityResourceFactory(name="Older", last_verified=today - datetime.timedelta(days=800))
    CommunityResourceFactory(name="Never", last_verified=None)
    CommunityResourceFactory(name="Archived", last_verified=None, status="archived")
    response = as_admin.get(reverse("community:review"))
    assert [r.name for r in response.context["page"].object_list] == ["Never", "Older", "Old"]
    settings.RESOURCE_STALE_AFTER_MONTHS = 30
    response = as_admin.get(reverse("community:review"))
    assert [r.name for r in response.context["page"].object_list] == ["Never"]


def test_it_marks_a_resource_as_checked_today(as_admin):
    resource = CommunityResourceFactory(last_verified=datetime.date(2020, 1, 1))
    response = as_admin.post(reverse("community:verify", args=[resource.code]), {"next": "review"})
    assert response.url == reverse("community:review")
    resource.refresh_from_db()
    assert resource.last_verified == timezone.localdate()


@pytest.mark.parametrize("cast", ["practitioner", "team_lead"])
def test_practitioners_and_leads_read_but_do_not_change(client, db, request, cast):
    resource = CommunityResourceFactory()
    client.force_login(request.getfixturevalue(cast))
    assert client.get(reverse("community:list")).status_code == 200
    assert client.get(reverse("community:detail", args=[resource.code])).status_code == 200
    assert client.get(reverse("community:add")).status_code == 403
    assert client.get(reverse("community:review")).status_code == 403
    for name in ["edit", "archive", "verify"]:
        assert client.post(reverse(f"community:{name}", args=[resource.code])).status_code == 403
    resource.refresh_from_db()
    assert resource.is_active


def test_a_user_without_a_role_cannot_read_the_directory(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("community:list")).status_code == 403


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def names(response) -> list[str]:
    return [resource.name for resource in response.context["page"].object_list]


def test_it_searches_names_descriptions_and_categories(signed_in, administrator):
    gardening = Category.objects.create(name="Gardening")
    CommunityResourceFactory(name="Allotment society", description="Plots to share")
    CommunityResourceFactory(name="Men's shed", description="Woodwork and company")
    green = CommunityResourceFactory(name="Green club", description="Weekly")
    green.save_with_categories([gardening], by=administrator)
    CommunityResourceFactory(name="Archived allotment", status="archived")
    assert names(signed_in.get(reverse("community:list"), {"q": "allotment"})) == [
        "Allotment society"
    ]
    assert names(signed_in.get(reverse("community:list"), {"q": "woodwork"})) == ["Men's shed"]
    assert names(signed_in.get(reverse("community:list"), {"q": "gardening"})) == ["Green club"]


def test_it_filters_and_paginates(signed_in):
    CommunityResourceFactory.create_batch(25, asset_type="associations", cost="free")
    CommunityResourceFactory(
        name="Cafe", asset_type="economic_exchange", cost="paid", area="Hyde Park"
    )
    url = reverse("community:list")
    assert len(names(signed_in.get(url))) == 20
    assert names(signed_in.get(url, {"cost": "paid"})) == ["Cafe"]
    assert names(signed_in.get(url, {"asset_type": "economic_exchange", "area": "hyde"})) == [
        "Cafe"
    ]
    assert signed_in.get(url, {"category": "x", "cost": "bogus", "page": "x"}).status_code == 200


def test_a_resource_page_shows_only_connections_in_scope(signed_in, person, other_person):
    resource = CommunityResourceFactory()
    ConnectionFactory(person=person, resource=resource)
    ConnectionFactory(person=other_person, resource=resource)
    page = signed_in.get(reverse("community:detail", args=[resource.code])).content.decode()
    assert person.display_name in page and other_person.display_name not in page


def test_the_search_queries_do_not_grow_with_the_directory(signed_in, count_queries):
    url = reverse("community:list")
    CommunityResourceFactory.create_batch(3)
    with_three = count_queries(signed_in, url)
    CommunityResourceFactory.create_batch(30)
    assert count_queries(signed_in, url) == with_three


def test_it_says_how_long_ago_a_resource_was_checked(db):
    today = timezone.localdate()
    assert CommunityResourceFactory.build(last_verified=None).last_checked == "Never checked"
    assert CommunityResourceFactory.build(last_verified=today).last_checked == "Checked today"
    old = CommunityResourceFactory.build(last_verified=today - datetime.timedelta(days=400))
    assert old.last_checked.startswith("Last checked 1\xa0year ago")


@pytest.mark.parametrize(
    ("ages", "field", "message"),
    [
        (
            {"minimum_age": "eighteen"},
            "minimum_age",
            "Enter the youngest age as a whole number of years, like 18",
        ),
        ({"maximum_age": "-1"}, "maximum_age", "The oldest age must be 0 or more"),
        ({"maximum_age": "200"}, "maximum_age", "The oldest age must be 130 or less"),
        (
            {"minimum_age": "65", "maximum_age": "18"},
            "maximum_age",
            "The oldest age must be the same as or more than the youngest",
        ),
    ],
)
def test_an_age_range_that_makes_no_sense_is_explained_and_kept(as_admin, ages, field, message):
    response = as_admin.post(reverse("community:add"), {**RESOURCE, **ages})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert "There is a problem" in page and all(value in page for value in ages.values())
    assert not CommunityResource.objects.exists()


def test_an_age_range_is_saved_and_shown(as_admin, client, practitioner):
    as_admin.post(reverse("community:add"), {**RESOURCE, "minimum_age": "18", "maximum_age": ""})
    resource = CommunityResource.objects.get()
    assert (resource.minimum_age, resource.maximum_age) == (18, None)
    client.force_login(practitioner)
    page = client.get(reverse("community:detail", args=[resource.code])).content.decode()
    assert "18 and over" in page


def test_a_postcode_is_checked_as_a_uk_one_only_in_the_uk(as_admin):
    response = as_admin.post(reverse("community:add"), {**RESOURCE, "postcode": "D02 X285x"})
    assert response.context["form"].errors["postcode"]
    assert not CommunityResource.objects.exists()
    data = {**RESOURCE, "postcode": "D02 X285", "country": "ie"}
    assert as_admin.post(reverse("community:add"), data).status_code == 302
    resource = CommunityResource.objects.get()
    assert (resource.country, resource.postcode) == ("IE", "D02 X285")
    assert resource.full_address.endswith("D02 X285\nIE")


def test_a_country_that_is_not_two_letters_is_explained(as_admin):
    response = as_admin.post(reverse("community:add"), {**RESOURCE, "country": "Eire"})
    assert response.context["form"].errors["country"]
    assert "Eire" in response.content.decode()
    assert not CommunityResource.objects.exists()


def test_prices_are_shown_as_a_table(client, practitioner):
    baths = CommunityResourceFactory(name="Bramley Baths")
    baths.cost_options.create(option="Adults", amount=Decimal("4.00"))
    baths.cost_options.create(
        option="Summer swims",
        amount=0,
        amount_description="For under-16s",
        valid_from=datetime.date(2027, 7, 21),
        valid_to=datetime.date(2027, 9, 1),
    )
    client.force_login(practitioner)
    page = client.get(reverse("community:detail", args=[baths.code])).content.decode()
    adults = re.search(r">Adults</th>(.*?)</tr>", page, re.S)
    summer = re.search(r">Summer swims</th>(.*?)</tr>", page, re.S)
    assert adults and "£4.00" in adults[1]
    assert summer and "Free" in summer[1] and "From 21 July 2027 to 1 September 2027" in summer[1]


def test_the_other_contacts_are_shown_with_their_job_titles(client, practitioner):
    lunch = CommunityResourceFactory(name="Lunch club", contact_name="")
    lunch.contacts.create(name="Margaret Lowe", title="Organiser")
    lunch.contacts.create(title="Kitchen manager")
    client.force_login(practitioner)
    page = client.get(reverse("community:detail", args=[lunch.code])).content.decode()
    rows = re.findall(r'summary-list__key">(.*?)</dt>\s*<dd[^>]*>\s*(.*?)\s*</dd>', page, re.S)
    assert ("Who to contact", "Margaret Lowe, Organiser") in rows
    assert ("Or", "Not named, Kitchen manager") in rows


def test_the_languages_spoken_are_shown(client, practitioner):
    lunch = CommunityResourceFactory(name="Lunch club")
    lunch.languages.create(name="Polish", code="pl", note="On Thursdays")
    lunch.languages.create(name="Urdu", code="ur")
    client.force_login(practitioner)
    page = client.get(reverse("community:detail", args=[lunch.code])).content.decode()
    row = re.search(r">Languages spoken</dt>\s*<dd[^>]*>(.*?)</dd>", page, re.S)
    assert row and [line.strip() for line in row[1].split("<br>")] == [
        "Polish (On Thursdays)",
        "Urdu",
    ]


def test_the_area_filter_finds_an_area_another_directory_published(client, practitioner):
    lunch = CommunityResourceFactory(name="Lunch club", area="Headingley")
    walk = CommunityResourceFactory(name="Walking group", area="")
    walk.service_areas.create(name="Far Headingley")
    walk.service_areas.create(name="Adel")
    CommunityResourceFactory(name="Choir", area="Bramley")
    client.force_login(practitioner)
    response = client.get(reverse("community:list"), {"area": "headingley"})
    names = [resource.name for resource in response.context["page"].object_list]
    assert names == ["Lunch club", "Walking group"]
    assert "Far Headingley, Adel" in response.content.decode()
    assert lunch.areas == "Headingley"
