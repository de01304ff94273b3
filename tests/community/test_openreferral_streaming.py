import io
import json
import zipfile

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Category
from community.openreferral import streaming
from community.openreferral.exporting import export_page, export_zip, resources_to_export
from tests.factories import CommunityResourceFactory


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def directory(db, monkeypatch):
    """Seven resources read two at a time, three of them of one name, so that chunks end
    within a name; with a category, a shared organisation and text beyond ASCII."""
    monkeypatch.setattr(streaming, "CHUNK", 2)
    food = Category.objects.create(name="Food")
    for number in range(4):
        resource = CommunityResourceFactory(
            name=f"Café {number} — £4.50", organisation="St Chad's", phone="0113 496 0123"
        )
        resource.categories.add(food)
    CommunityResourceFactory.create_batch(3, name="Lunch club", status="archived")


def _resource_queries(queries) -> int:
    return sum('FROM "community_communityresource"' in query["sql"] for query in queries)


def test_it_streams_the_json_page_byte_for_byte_as_it_was_built_whole(as_admin, directory):
    response = as_admin.get(reverse("community:export_json"))
    assert response.streaming and response["Content-Type"] == "application/json"
    whole = export_page(resources_to_export())
    expected = json.dumps(whole, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
    assert response.getvalue() == expected
    assert [service["name"] for service in whole["contents"]][-3:] == ["Lunch club"] * 3


def test_it_streams_the_zip_with_the_files_of_the_zip_built_whole(as_admin, directory):
    response = as_admin.get(reverse("community:export_zip"))
    assert response.streaming and response["Content-Type"] == "application/zip"
    streamed = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    whole = zipfile.ZipFile(io.BytesIO(export_zip(resources_to_export())))
    assert streamed.namelist() == whole.namelist()
    for name in whole.namelist():
        assert streamed.read(name) == whole.read(name), name


@pytest.mark.parametrize("name", ["export_json", "export_zip"])
def test_it_reads_nothing_until_sent_then_a_chunk_at_a_time(as_admin, directory, name):
    with CaptureQueriesContext(connection) as queries:
        response = as_admin.get(reverse(f"community:{name}"))
    assert _resource_queries(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        chunks = len(list(response.streaming_content))
    # Seven resources two at a time: four chunks (and the JSON page's count first).
    assert _resource_queries(queries) == 4 + (name == "export_json")
    assert chunks > 4
