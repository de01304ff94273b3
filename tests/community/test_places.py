"""The other places a resource runs at, changed by the directory's administrators: added,
taken out, and kept confidential when they must be."""

import pytest
from django.urls import reverse

from community.models import Place
from tests.factories import CommunityResourceFactory


@pytest.fixture
def lunch(db):
    return CommunityResourceFactory(name="Chapel lunch club")


def add(client, resource, **data):
    return client.post(reverse("community:places", args=[resource.code]), data)


def test_an_administrator_adds_a_confidential_place(client, administrator, practitioner, lunch):
    client.force_login(administrator)
    page = client.get(reverse("community:places", args=[lunch.code])).content.decode()
    assert "It runs at no other places yet" in page
    response = add(
        client,
        lunch,
        name="Harbour House annexe",
        address_line_1="9 Quay Street",
        town="Leeds",
        postcode="ls7 9qy",
        confidential="on",
    )
    assert response.url == reverse("community:places", args=[lunch.code])
    place = lunch.places.get()
    assert (place.postcode, place.country, place.confidential) == ("LS7 9QY", "GB", True)
    assert lunch.history.latest().history_user == administrator
    page = client.get(reverse("community:places", args=[lunch.code])).content.decode()
    assert "9 Quay Street" in page and "Kept confidential" in page
    client.force_login(practitioner)
    detail = client.get(reverse("community:detail", args=[lunch.code])).content.decode()
    assert "Another place" in detail and "9 Quay Street" not in detail
    assert "Harbour House annexe" not in detail


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"town": "Leeds"}, "name", "Enter the name of the place"),
        ({"name": "Pool", "postcode": "NOWHERE"}, "postcode", "Enter a real postcode"),
        ({"name": "Pool", "country": "Eire"}, "country", "2 characters"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_kept(
    client, administrator, lunch, data, field, message
):
    client.force_login(administrator)
    response = add(client, lunch, **data)
    page = response.content.decode()
    assert response.status_code == 200 and f'href="#id_{field}' in page and message in page
    assert all(f'value="{value}"' in page for value in data.values())
    assert not Place.objects.exists()


def test_a_postcode_abroad_is_kept_as_typed(client, administrator, lunch):
    client.force_login(administrator)
    assert (
        add(client, lunch, name="Dublin hub", postcode="D02 X285", country="ie").status_code == 302
    )
    assert lunch.places.values_list("postcode", "country").get() == ("D02 X285", "IE")


def test_a_place_is_taken_out_and_another_resources_is_not_found(client, administrator, lunch):
    place = lunch.places.create(name="Online")
    other = CommunityResourceFactory(name="Other").places.create(name="Elsewhere")
    client.force_login(administrator)
    remove = reverse("community:place_remove", args=[lunch.code, other.pk])
    assert client.post(remove).status_code == 404 and Place.objects.filter(pk=other.pk).exists()
    response = client.post(reverse("community:place_remove", args=[lunch.code, place.pk]))
    assert response.url == reverse("community:places", args=[lunch.code])
    assert not lunch.places.exists()


@pytest.mark.parametrize("role", ["practitioner", "team_lead"])
def test_only_administrators_change_the_places(client, request, lunch, role):
    place = lunch.places.create(name="Online")
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("community:places", args=[lunch.code])).status_code == 403
    assert add(client, lunch, name="Pool").status_code == 403
    remove = reverse("community:place_remove", args=[lunch.code, place.pk])
    assert client.post(remove).status_code == 403
    assert list(lunch.places.values_list("name", flat=True)) == ["Online"]
