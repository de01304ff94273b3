"""Community connections as part of the network: on the ecomap, in its table, with notes."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from networks.ecomap import ecomap_for
from networks.models import ReciprocityNote
from tests.factories import ConnectionFactory, NetworkMemberFactory

NOTE = {"date_0": "3", "date_1": "10", "date_2": "2026", "direction": "gives", "text": "Serves tea"}


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_the_ecomap_draws_connections_as_squares_after_the_people(db, person):
    member = NetworkMemberFactory(person=person, name="Pat")
    lunch = ConnectionFactory(person=person, resource__name="Lunch club", status="attending")
    ecomap = ecomap_for([member], [lunch])
    assert [node.tie.name for node in ecomap.nodes] == ["Pat", "Lunch club"]
    assert (ecomap.people, ecomap.resources) == (1, 1)
    assert ecomap.groups[-1] == ("Community resource (square)", "#ffdd00", True)


@pytest.mark.parametrize(
    ("status", "role", "closeness", "flow"),
    [
        ("attending", "receives", "moderate", "to_person"),
        ("introduced", "volunteer", "tenuous", "from_person"),
        ("suggested", "member", "tenuous", "both"),
    ],
)
def test_a_connections_line_says_where_things_are_and_which_way_help_goes(
    db, person, status, role, closeness, flow
):
    tie = ecomap_for([], [ConnectionFactory(person=person, status=status, role=role)]).nodes[0].tie
    assert (tie.closeness, tie.flow) == (closeness, flow)


def test_the_network_page_shows_current_connections_not_stopped_ones(signed_in, person):
    ConnectionFactory(person=person, resource__name="Lunch club", status="attending")
    ConnectionFactory(person=person, resource__name="Old choir", status="stopped")
    page = signed_in.get(reverse("networks:network", args=[person.code])).content.decode()
    assert "<rect" in page and "Community resource (square)" in page
    assert "and 1 community resource around them" in page
    assert "Lunch club" in page and "Old choir" not in page


def test_the_date_picker_shows_connections_as_their_history_says(signed_in, person):
    connection = ConnectionFactory(person=person, resource__name="Lunch club")
    url = reverse("networks:network", args=[person.code])
    today = timezone.localdate()
    then = today - datetime.timedelta(days=1)
    before = signed_in.get(url, {"on_0": then.day, "on_1": then.month, "on_2": then.year})
    assert before.context["connections"] == []
    now = signed_in.get(url, {"on_0": today.day, "on_1": today.month, "on_2": today.year})
    assert [c.resource.name for c in now.context["connections"]] == ["Lunch club"]
    assert now.context["connections"][0].pk == connection.pk


def test_it_adds_a_reciprocity_note_on_a_connection(signed_in, person, practitioner):
    connection = ConnectionFactory(person=person, resource__name="Lunch club")
    url = reverse("networks:connection_note_add", args=[connection.code])
    assert "Enter what happened" in signed_in.post(url, {**NOTE, "text": ""}).content.decode()
    assert not ReciprocityNote.objects.exists()
    response = signed_in.post(url, NOTE)
    assert response.url == reverse("networks:network", args=[person.code])
    note = ReciprocityNote.objects.get()
    assert note.connection == connection and note.history.get().history_user == practitioner
    page = signed_in.get(response.url).content.decode()
    assert "Lunch club: <strong>The person gives</strong>" in page


def test_another_team_cannot_add_a_note_on_a_connection(client, other_practitioner, person):
    connection = ConnectionFactory(person=person)
    client.force_login(other_practitioner)
    url = reverse("networks:connection_note_add", args=[connection.code])
    assert client.post(url, NOTE).status_code == 404
    assert not ReciprocityNote.objects.exists()


def test_a_note_is_about_exactly_one_tie(db, person, practitioner):
    member = NetworkMemberFactory(person=person)
    connection = ConnectionFactory(person=person)
    with pytest.raises(IntegrityError):
        ReciprocityNote.objects.create(
            member=member,
            connection=connection,
            direction="mutual",
            text="Tea",
            author=practitioner,
        )


def test_the_network_page_does_not_grow_in_queries_with_connections(
    signed_in, person, count_queries
):
    url = reverse("networks:network", args=[person.code])
    ConnectionFactory(person=person)
    with_one = count_queries(signed_in, url)
    for connection in ConnectionFactory.create_batch(15, person=person):
        ReciprocityNote.objects.create(
            connection=connection, direction="gives", text="Tea", author=connection.created_by
        )
    assert count_queries(signed_in, url) == with_one
