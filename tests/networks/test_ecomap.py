import datetime
import math

import pytest
from django.urls import reverse

from networks.ecomap import LABEL_CHARACTERS, LINE_HEIGHT, NODE_RADIUS, ecomap_for
from tests.factories import NetworkMemberFactory

# A generous width for one character of the 13px labels.
CHARACTER_WIDTH = 8


@pytest.mark.parametrize("count", [1, 2, 12, 60])
def test_it_keeps_neighbours_and_their_labels_apart(person, practitioner, count):
    members = NetworkMemberFactory.create_batch(
        count, person=person, name="B" * 40, created_by=practitioner
    )
    ecomap = ecomap_for(members)
    nodes = ecomap.nodes
    assert len(nodes) == count
    for here, there in zip(nodes, nodes[1:] + nodes[:1], strict=True):
        if here is not there:
            assert math.dist((here.x, here.y), (there.x, there.y)) >= min(
                LINE_HEIGHT, 2 * NODE_RADIUS
            )
    for node in nodes:
        assert len(node.label) <= LABEL_CHARACTERS
        reach = math.dist((node.label_x, node.label_y), (ecomap.centre, ecomap.centre))
        # The longest label still ends inside the picture.
        assert reach + LABEL_CHARACTERS * CHARACTER_WIDTH <= ecomap.centre


def test_it_draws_nothing_around_an_empty_network(db):
    assert ecomap_for([]).nodes == []


def test_it_groups_members_by_relationship(db, person):
    for relationship in ["friend", "family", "friend", "family"]:
        NetworkMemberFactory(person=person, relationship=relationship)
    nodes = ecomap_for(list(person.network_members.all())).nodes
    assert [node.member.relationship for node in nodes] == ["family", "family", "friend", "friend"]


def test_it_draws_a_stressful_tie_as_a_zigzag(db, person):
    calm = NetworkMemberFactory(person=person, closeness="moderate")
    stressful = NetworkMemberFactory(person=person, closeness="stressful")
    lines = {node.member: node.line for node in ecomap_for([calm, stressful]).nodes}
    assert lines[calm].count(" L ") == 1
    assert lines[stressful].count(" L ") > 4


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_the_page_shows_line_style_and_arrows(signed_in, person):
    NetworkMemberFactory(person=person, closeness="tenuous", gives_person="Lifts")
    NetworkMemberFactory(person=person, closeness="strong", person_gives="Company")
    page = signed_in.get(reverse("networks:network", args=[person.code])).content.decode()
    assert 'role="img"' in page and "Ecomap of" in page
    assert page.count('stroke-dasharray="7 6"') == 2  # the tenuous line and its key
    assert 'marker-end="url(#ecomap-arrow)"' in page  # support flows to the person
    assert 'marker-start="url(#ecomap-arrow)"' in page  # the person gives


def test_the_date_picker_shows_the_network_as_it_was(signed_in, person):
    NetworkMemberFactory(
        person=person,
        name="Old Friend",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2025, 1, 1),
    )
    NetworkMemberFactory(person=person, name="New Friend", started_on=datetime.date(2026, 1, 1))
    url = reverse("networks:network", args=[person.code])
    then = signed_in.get(url, {"on_0": "1", "on_1": "6", "on_2": "2024"})
    assert [m.name for m in then.context["page"].object_list] == ["Old Friend"]
    now = signed_in.get(url)
    assert [m.name for m in now.context["page"].object_list] == ["New Friend"]
    bad = signed_in.get(url, {"on_0": "31", "on_1": "2", "on_2": "2024"})
    assert "must be a real date" in bad.content.decode()
