import pytest
from django.urls import reverse

from people.models import Person
from tests.factories import PersonFactory

LIST = reverse("people:list")


def names(response) -> list[str]:
    return [person.family_name for person in response.context["page"].object_list]


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def test_it_lists_only_the_people_of_my_teams(signed_in, person, other_person):
    response = signed_in.get(LIST)
    assert names(response) == [person.family_name]


@pytest.mark.parametrize(
    "query",
    ["Margaret", "mags", "DOYLE", "margaret doyle", "943 476", "9434765919", "ls6 2qt", "LS6"],
)
def test_it_finds_a_person_by_name_nhs_number_or_postcode(signed_in, team, query):
    PersonFactory(
        team=team,
        preferred_name="Mags",
        given_names="Margaret",
        family_name="Doyle",
        nhs_number="9434765919",
        postcode="LS6 2QT",
    )
    PersonFactory(team=team, given_names="Bill", family_name="Hartley", postcode="M1 1AE")
    assert names(signed_in.get(LIST, {"q": query})) == ["Doyle"]


def test_it_filters_by_status_team_and_practitioner(signed_in, team, practitioner, team_lead):
    PersonFactory(team=team, family_name="Open", practitioner=practitioner)
    PersonFactory(team=team, family_name="Closed", status=Person.Status.CLOSED)
    PersonFactory(team=team, family_name="Leads", practitioner=team_lead)
    assert names(signed_in.get(LIST)) == ["Leads", "Open"]
    assert names(signed_in.get(LIST, {"status": "closed"})) == ["Closed"]
    assert len(names(signed_in.get(LIST, {"status": "all", "team": team.pk}))) == 3
    assert names(signed_in.get(LIST, {"practitioner": team_lead.pk})) == ["Leads"]


def test_it_sorts(signed_in, team):
    for name in ["Beta", "Alpha", "Gamma"]:
        PersonFactory(team=team, family_name=name)
    assert names(signed_in.get(LIST, {"sort": "-name"})) == ["Gamma", "Beta", "Alpha"]


def test_it_paginates(signed_in, team):
    PersonFactory.create_batch(30, team=team)
    assert len(names(signed_in.get(LIST))) == 25
    assert len(names(signed_in.get(LIST, {"page": 2}))) == 5
    assert len(names(signed_in.get(LIST, {"page": "nonsense"}))) == 25


@pytest.mark.parametrize(
    "params",
    [
        {"team": "x"},
        {"practitioner": "999999"},
        {"status": "gone"},
        {"sort": "drop"},
        {"q": "x" * 500},
    ],
)
def test_it_ignores_malformed_filters_without_failing(signed_in, person, params):
    response = signed_in.get(LIST, params)
    assert response.status_code == 200


def test_it_says_when_no_one_matches(signed_in, person):
    response = signed_in.get(LIST, {"q": "nobody-like-this"})
    assert "No one matches your search" in response.content.decode()


def test_its_queries_do_not_grow_with_the_number_of_people(
    signed_in, team, practitioner, count_queries
):
    PersonFactory.create_batch(5, team=team, practitioner=practitioner)
    with_five = count_queries(signed_in, LIST, {"status": "all"})
    PersonFactory.create_batch(95, team=team, practitioner=practitioner)
    assert count_queries(signed_in, LIST, {"status": "all"}) == with_five


def test_the_person_page_queries_do_not_grow_with_the_data(signed_in, team, person, count_queries):
    url = reverse("overview:person", args=[person.code])
    PersonFactory.create_batch(4, team=team)
    with_five = count_queries(signed_in, url)
    PersonFactory.create_batch(95, team=team)
    assert count_queries(signed_in, url) == with_five


def test_it_offers_only_my_teams_and_their_staff_to_filter_by(signed_in, other_person):
    page = signed_in.get(LIST).content.decode()
    assert "North locality team" in page and "Priya Shah" in page
    assert "South locality team" not in page and "Sam Ellis" not in page
