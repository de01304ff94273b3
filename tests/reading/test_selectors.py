"""The searches, the directory's export and the service measures read on the replica, every
part of each query there (scope, subqueries, prefetches); the pages a save leads to read on
the primary. The replica here is a second connection to the test database, so a query's
connection shows which database it was sent to."""

import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.access import teams_led_by
from accounts.models import EmergencyAccess, Restriction
from community.models import Category, CommunityResource
from community.openreferral.exporting import export_page, resources_to_export
from community.openreferral.mapping import NESTED_RELATIONS
from community.selectors import resource_search
from measures.selectors import Period, service_measures
from people.models import Person
from people.selectors import people_search
from tests.factories import (
    CommunityResourceFactory,
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    PersonFactory,
    SafeguardingConcernFactory,
)


def sql_of(queries) -> str:
    return "\n".join(query["sql"] for query in queries.captured_queries)


def test_a_people_search_on_the_replica_keeps_to_the_scope(
    reads, practitioner, team, person, other_person
):
    restricted = PersonFactory(team=team, practitioner=practitioner)
    Restriction.objects.create(
        person=restricted, reason="public_figure", restricted_by=practitioner
    )
    EmergencyAccess.objects.create(
        user=practitioner,
        person=other_person,
        reason="A call from the hospital discharge team",
        expires_at=timezone.now() + datetime.timedelta(minutes=60),
    )
    PersonFactory()  # another team's, out of scope
    visible = Person.objects.visible_to(practitioner)  # the user's permissions: the primary's
    with reads() as (primary, replica):
        found = list(people_search(visible, status="all"))
    assert set(found) == {person, other_person}
    assert primary.captured_queries == []
    # One query, the scope's subqueries in it: restrictions and emergency access, read there.
    assert len(replica.captured_queries) == 1
    assert "accounts_restriction" in sql_of(replica)
    assert "accounts_emergencyaccess" in sql_of(replica)


def test_a_directory_search_and_its_categories_read_on_the_replica(reads):
    gardening = Category.objects.create(name="Gardening")
    garden = CommunityResourceFactory(name="Allotment society")
    garden.categories.add(gardening)
    CommunityResourceFactory(name="Knit and natter")
    resources = CommunityResource.objects.active().prefetch_related("categories")
    with reads() as (primary, replica):
        found = list(resource_search(resources, q="allotment"))
        assert [[c.name for c in r.categories.all()] for r in found] == [["Gardening"]]
    assert found == [garden]
    assert primary.captured_queries == []
    assert len(replica.captured_queries) == 2  # the resources, then their categories


def test_the_open_referral_export_reads_on_the_replica(reads):
    gardening = Category.objects.create(name="Gardening")
    CommunityResourceFactory(name="Allotment society").categories.add(gardening)
    with reads() as (primary, replica):
        page = export_page(resources_to_export().iterator(chunk_size=2000))
    assert page["total_items"] == 1
    assert primary.captured_queries == []
    # The resources, then one query for each kind of thing they nest.
    assert len(replica.captured_queries) == 1 + len(NESTED_RELATIONS)


def test_the_service_measures_read_on_the_replica(reads, team, team_lead, practitioner):
    person = PersonFactory(team=team, first_contact_date=datetime.date(2026, 2, 1))
    ConversationFactory(person=person, practitioner=practitioner, date=datetime.date(2026, 3, 1))
    NetworkMemberFactory(person=person)
    ConnectionFactory(person=person)
    SafeguardingConcernFactory(person=person)
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
    period = Period(teams=teams_led_by(team_lead), start=start, end=end)
    with reads() as (primary, replica):
        measures = {measure.slug: measure for measure in service_measures(period)}
    assert measures["first-contacts"].headline == "1 in the period"
    assert primary.captured_queries == []
    assert replica.captured_queries


def test_the_pages_send_their_searches_to_the_replica(
    reads, client, practitioner, team_lead, administrator, person
):
    CommunityResourceFactory(name="Allotment society")
    client.force_login(practitioner)
    with reads() as (primary, replica):
        people = client.get(reverse("people:list"), {"q": person.family_name})
        directory = client.get(reverse("community:list"), {"q": "allotment"})
    assert person.family_name in people.content.decode()
    assert "Allotment society" in directory.content.decode()
    assert 'FROM "people_person"' in sql_of(replica)
    assert 'FROM "community_communityresource"' in sql_of(replica)
    # The primary has the session, the user and the access log; no search.
    assert 'FROM "people_person"' not in sql_of(primary)
    assert 'FROM "community_communityresource"' not in sql_of(primary)
    assert 'INSERT INTO "audit_recordview"' in sql_of(primary)


def test_the_directory_export_and_the_measures_pages_read_on_the_replica(
    reads, client, team_lead, administrator
):
    CommunityResourceFactory(name="Allotment society")
    client.force_login(administrator)
    with reads() as (primary, replica):
        exported = client.get(reverse("community:export_json"))
        # Read whole: a streamed export reads the directory as it is sent.
        assert b"Allotment society" in b"".join(exported.streaming_content)
    assert 'FROM "community_communityresource"' in sql_of(replica)
    assert 'FROM "community_communityresource"' not in sql_of(primary)
    client.force_login(team_lead)
    with reads() as (primary, replica):
        assert client.get(reverse("measures:dashboard")).status_code == 200
    # The measures' own queries (the navigation's count of records to review is the primary's).
    for measured in ('AS "their_one_to_two"', '"networks_networkmember"'):
        assert measured in sql_of(replica)
        assert measured not in sql_of(primary)


def test_the_pages_a_save_leads_to_read_on_the_primary(reads, client, administrator, person):
    resource = CommunityResourceFactory(name="Allotment society")
    client.force_login(administrator)
    with reads() as (primary, replica):
        response = client.post(reverse("community:verify", args=[resource.code]), follow=True)
    assert "Allotment society is marked as checked today" in response.content.decode()
    assert replica.captured_queries == []
