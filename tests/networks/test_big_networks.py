"""A network of thousands: pages of the table, an ecomap of the closest, and the same
number of queries however big it grows."""

import datetime

import pytest
from django.urls import reverse

from audit.models import RecordView
from networks.models import NetworkMember, ReciprocityNote
from networks.services import attendance_add
from networks.views import ECOMAP_MOST_PEOPLE, MEMBERS_PER_PAGE
from tests.factories import (
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    PersonFactory,
)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def network(person) -> str:
    return reverse("networks:network", args=[person.code])


def grow(person, count: int, **fields) -> list[NetworkMember]:
    """`count` more members, in one insert: each with a note, every third one ended."""
    made = NetworkMember.objects.bulk_create(
        NetworkMember(
            person=person,
            name=f"Member {number:04}",
            relationship="friend",
            closeness="moderate",
            started_on=datetime.date(2020, 1, 1),
            ended_on=datetime.date(2025, 1, 1) if number % 3 == 2 else None,
            created_by=person.practitioner,
            **fields,
        )
        for number in range(count)
    )
    ReciprocityNote.objects.bulk_create(
        ReciprocityNote(member=member, direction="mutual", text="Tea", author=person.practitioner)
        for member in made
    )
    return made


def test_it_shows_the_network_a_page_at_a_time(signed_in, person):
    grow(person, 3 * MEMBERS_PER_PAGE)  # two in three still in the network: two pages
    first = signed_in.get(network(person))
    table = [member.name for member in first.context["page"].object_list]
    assert len(table) == MEMBERS_PER_PAGE and table[0] == "Member 0000"
    assert f"{2 * MEMBERS_PER_PAGE} people: 1 to {MEMBERS_PER_PAGE} shown" in first.content.decode()
    last = signed_in.get(network(person), {"page": 2})
    assert last.context["page"].object_list[MEMBERS_PER_PAGE - 1].name == "Member 0148"
    assert 'rel="prev"' in last.content.decode()
    assert signed_in.get(network(person), {"page": "99"}).status_code == 200


def test_the_ecomap_draws_the_closest_and_says_how_many_it_leaves_out(signed_in, person):
    grow(person, 3 * ECOMAP_MOST_PEOPLE)
    close = NetworkMemberFactory(person=person, name="Close Friend", closeness="strong")
    response = signed_in.get(network(person))
    ecomap = response.context["ecomap"]
    assert ecomap.people == ECOMAP_MOST_PEOPLE and close in [n.member for n in ecomap.nodes]
    page = response.content.decode()
    assert page.count('r="14" fill=') == ECOMAP_MOST_PEOPLE  # a member's circle
    assert f"{2 * ECOMAP_MOST_PEOPLE + 1 - ECOMAP_MOST_PEOPLE} more are not drawn" in page
    assert 'href="#network-table"' in page and 'id="network-table"' in page


def test_it_logs_that_the_linked_people_it_shows_were_seen(signed_in, person, team):
    neighbour = PersonFactory(team=team, family_name="Hughes")
    NetworkMemberFactory(person=person, name="Pat Hughes", linked_person=neighbour)
    signed_in.get(network(person))
    assert RecordView.objects.filter(person=neighbour, page="networks:network").count() == 1
    grow(person, 3 * MEMBERS_PER_PAGE)  # Pat, a friend "Pat Hughes", is now on page 2 of 2
    signed_in.get(network(person))
    assert RecordView.objects.filter(person=neighbour).count() == 1


def test_it_shows_the_latest_notes_and_leavers_and_links_to_them_all(signed_in, person):
    grow(person, 36)
    page = signed_in.get(network(person)).content.decode()
    assert page.count("(noted by") == 10 and page.count("until 1 January 2025") == 10
    assert "See all 36 notes" in page and "See all 12 people who are no longer" in page
    notes = signed_in.get(reverse("networks:notes", args=[person.code])).content.decode()
    assert notes.count("(noted by") == 36
    ended = signed_in.get(reverse("networks:ended", args=[person.code])).content.decode()
    assert ended.count("until 1 January 2025") == 12


@pytest.mark.parametrize("name", ["notes", "ended"])
def test_other_teams_get_404_for_notes_and_leavers(client, other_practitioner, person, name):
    client.force_login(other_practitioner)
    assert client.get(reverse(f"networks:{name}", args=[person.code])).status_code == 404


def test_the_network_pages_queries_do_not_grow_with_the_network(
    signed_in, person, team, count_queries
):
    neighbour = PersonFactory(team=team)
    NetworkMemberFactory(
        person=person, name="Aaron", relationship="family", linked_person=neighbour
    )
    grow(person, 3)
    pages = [(network(person), {}), (network(person), {"page": 2})]
    small = [count_queries(signed_in, url, params) for url, params in pages]
    grow(person, 3 * MEMBERS_PER_PAGE, linked_person=neighbour)
    assert [count_queries(signed_in, url, params) for url, params in pages] == small


def test_a_meetings_pages_queries_do_not_grow_with_the_network(
    signed_in, person, practitioner, count_queries
):
    meeting = ConversationFactory(person=person, practitioner=practitioner, kind="network_meeting")
    pages = [
        reverse("conversations:section", args=[meeting.code, "network-meeting"]),
        reverse("conversations:attendee_search", args=[meeting.code]),
    ]
    attendance_add(conversation=meeting, members=grow(person, 3)[:1], by=practitioner)
    small = [count_queries(signed_in, page) for page in pages]
    attendance_add(conversation=meeting, members=grow(person, 90)[:60], by=practitioner)
    assert [count_queries(signed_in, page) for page in pages] == small


def test_the_latest_notes_are_the_newest_on_members_and_connections_alike(signed_in, person):
    for member in grow(person, 12):
        member.notes.update(date=datetime.date(2026, 1, member.pk % 28 + 1))
    connection = ConnectionFactory(person=person, resource__name="Lunch club")
    ReciprocityNote.objects.create(
        connection=connection,
        date=datetime.date(2026, 6, 1),
        direction="gives",
        text="Soup",
        author=person.practitioner,
    )
    shown = signed_in.get(network(person)).context["notes"]
    newest = ReciprocityNote.objects.about_person(person).order_by("-date", "-pk")[:10]
    assert shown == list(newest) and shown[0].connection == connection
