"""The network as it was on a day, read from its history, and two days compared."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import RecordView
from networks.selectors import network_as_of, network_compared
from tests.factories import ConnectionFactory, NetworkMemberFactory, PersonFactory

TODAY = timezone.localdate
DAYS_AGO = 10


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def days_ago(days: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=days)


def saved_on(record, day: datetime.date) -> None:
    """Dates every version of `record` saved so far to noon on `day`."""
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    record.history.update(history_date=noon)


def changed(record, **fields) -> None:
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


def as_query(name: str, day: datetime.date) -> dict[str, int]:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_it_shows_each_tie_as_it_was_at_the_end_of_the_day(signed_in, person):
    pat = NetworkMemberFactory(person=person, name="Pat Hughes", closeness="moderate")
    changed(pat, gives_person="Lifts")
    saved_on(pat, days_ago(1))
    changed(pat, name="Pat Hughes-Lee", closeness="strong", person_gives="Seedlings")
    url = reverse("networks:network", args=[person.code])
    response = signed_in.get(url, as_query("on", days_ago(1)))
    [then] = response.context["members"]
    assert (then.name, then.closeness, then.flow) == ("Pat Hughes", "moderate", "to_person")
    [node] = response.context["ecomap"].nodes
    assert node.tie.description == "Pat Hughes: friend, moderate"
    assert "Pat Hughes-Lee" not in response.content.decode()
    [now] = signed_in.get(url, as_query("on", TODAY())).context["members"]
    assert (now.name, now.closeness, now.flow) == ("Pat Hughes-Lee", "strong", "both")


def test_someone_recorded_after_the_day_is_shown_as_first_recorded(db, person):
    pat = NetworkMemberFactory(
        person=person, closeness="tenuous", started_on=datetime.date(2020, 1, 1)
    )
    changed(pat, closeness="strong")
    [then] = network_as_of(person, datetime.date(2024, 6, 1))
    assert (then.pk, then.closeness) == (pat.pk, "tenuous")
    assert not network_as_of(person, datetime.date(2019, 12, 31)).exists()


@pytest.fixture
def changes(person, practitioner):
    """A network ten days ago and today, with one tie of each kind of change."""
    before = days_ago(DAYS_AGO)
    people = {
        "Sam Same": {"closeness": "strong"},
        "Cal Closer": {"closeness": "moderate"},
        "Dee Drifting": {"closeness": "strong"},
        "Tess Tense": {"closeness": "moderate"},
        "Cam Calmer": {"closeness": "stressful"},
        "Otto Old": {"closeness": "strong"},
        "Gil Gives": {"gives_person": "Lifts", "person_gives": "Company"},
        "Mo Mutual": {"gives_person": "Lifts"},
    }
    made = {name: NetworkMemberFactory(person=person, name=name, **f) for name, f in people.items()}
    lunch = ConnectionFactory(person=person, resource__name="Lunch club", status="suggested")
    choir = ConnectionFactory(person=person, resource__name="Choir", status="attending")
    for record in [*made.values(), lunch, choir]:
        saved_on(record, before - datetime.timedelta(days=5))
    changed(made["Cal Closer"], closeness="strong")
    changed(made["Dee Drifting"], closeness="tenuous")
    changed(made["Tess Tense"], closeness="stressful")
    changed(made["Cam Calmer"], closeness="moderate")
    changed(made["Gil Gives"], person_gives="")
    changed(made["Mo Mutual"], person_gives="Company")
    made["Otto Old"].end(on=before + datetime.timedelta(days=3), reason="Moved", by=practitioner)
    NetworkMemberFactory(person=person, name="Nia New", started_on=before + datetime.timedelta(2))
    changed(lunch, status="attending")
    changed(choir, status="stopped")
    ConnectionFactory(person=person, resource__name="Allotment", status="attending")
    return before


def names(ties) -> list[str]:
    return [tie.name for tie in ties]


def test_it_compares_the_network_on_two_dates(person, changes):
    compared = network_compared(person, changes, TODAY(), drawn=40)
    assert names(compared.gained) == ["Allotment", "Nia New"]
    assert names(compared.lost) == ["Choir", "Otto Old"]
    assert [
        (c.after.name, c.before.how_close, c.after.how_close) for c in compared.strengthened
    ] == [
        ("Cal Closer", "Moderate", "Strong"),
        ("Cam Calmer", "Stressful", "Moderate"),
        ("Lunch club", "Suggested", "Attending"),
    ]
    assert [(c.after.name, c.after.how_close) for c in compared.weakened] == [
        ("Dee Drifting", "Tenuous"),
        ("Tess Tense", "Stressful"),
    ]
    assert [(tie.name, then, now) for tie, then, now in compared.two_way] == [
        ("Gil Gives", True, False),
        ("Mo Mutual", False, True),
    ]


def test_the_comparison_page_shows_the_changes_as_pictures_and_lists(signed_in, person, changes):
    url = reverse("networks:compare", args=[person.code])
    response = signed_in.get(url, {**as_query("first", changes), **as_query("second", TODAY())})
    page = response.content.decode()
    for caption in [
        "Joined the network (2)",
        "Left the network (2)",
        "Ties that grew stronger (3)",
    ]:
        assert caption in page
    assert "Ties that grew weaker (2)" in page and "Ties where support flows both ways" in page
    first, second = [ecomap for _, _, ecomap in response.context["days"]]
    assert {node.label for node in first.nodes if node.mark} == {"× Otto Old", "× Choir"}
    assert "↑ Cal Closer" in {node.label for node in second.nodes}
    assert 'id="ecomap-first-title"' in page and 'id="ecomap-second-title"' in page
    assert "Marked ↑: 3 ties grew stronger between the two dates." in page


def test_a_long_list_of_changes_is_cut_short_and_says_where_the_rest_are(
    signed_in, person, changes, monkeypatch
):
    monkeypatch.setattr("networks.views.LISTED", 1)
    url = reverse("networks:compare", args=[person.code])
    page = signed_in.get(url, as_query("first", changes)).content.decode()
    assert "Nia New" not in page.split("Joined the network (2)")[1].split("</table>")[0]
    assert page.count("The first 1 of 2, by name, are listed.") == 4  # all but grew stronger
    assert "The first 1 of 3, by name, are listed." in page  # grew stronger
    today = TODAY()
    assert f"?on_0={today.day}&amp;on_1={today.month}&amp;on_2={today.year}" in page


def test_it_compares_first_contact_with_today_unless_told(signed_in, person):
    response = signed_in.get(reverse("networks:compare", args=[person.code]))
    comparison = response.context["comparison"]
    assert (comparison.first.day, comparison.second.day) == (person.first_contact_date, TODAY())
    assert "Leave blank for their first contact, 1 September 2026" in response.content.decode()


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({"first_0": "31", "first_1": "2", "first_2": "2024"}, "First date must be a real date"),
        ({"first_0": "1", "first_2": "2024"}, "First date must include a month"),
        ({"first_0": "1", "first_1": "1", "first_2": "1999"}, "on or after 1 January 2000"),
        ({"second_0": "1", "second_1": "1", "second_2": "3000"}, "Second date must be today or"),
        ({"first_0": "9" * 30, "first_1": "١", "first_2": "2024"}, "First date must be a real"),
        (
            {"first_0": "2", "first_1": "1", "first_2": "2024"}
            | {"second_0": "1", "second_1": "1", "second_2": "2024"},
            "The second date must be the same as or after the first",
        ),
        ({"second_0": "1", "second_1": "1", "second_2": "2020"}, "must be the same as or after"),
    ],
)
def test_it_explains_bad_dates(signed_in, person, sent, message):
    response = signed_in.get(reverse("networks:compare", args=[person.code]), sent)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["comparison"] is None
    assert "<title>Error: " in page and "There is a problem" in page
    assert page.count(message) == 2  # in the summary, and next to the field


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sent=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            [f"{name}_{part}" for name in ["first", "second"] for part in range(3)],
            st.one_of(st.text(max_size=25), st.sampled_from(["0", "-1", "1999", "9" * 25, "\x00"])),
        ),
    )
)
def test_no_date_typed_breaks_the_comparison(signed_in, person, sent):
    response = signed_in.get(reverse("networks:compare", args=[person.code]), sent)
    assert response.status_code == 200
    assert (response.context["comparison"] is None) == bool(response.context["form"].errors)


def test_other_teams_get_404_and_the_view_is_logged(
    client, person, other_practitioner, practitioner
):
    url = reverse("networks:compare", args=[person.code])
    client.force_login(other_practitioner)
    assert client.get(url).status_code == 404
    client.force_login(practitioner)
    assert client.get(url).status_code == 200
    assert list(RecordView.objects.values_list("user", "page")) == [
        (practitioner.pk, "networks:compare")
    ]


def grow(person, count: int) -> None:
    """`count` members and a connection, each with versions from ten days ago and today."""
    linked = PersonFactory(team=person.team)
    for number in range(count):
        member = NetworkMemberFactory(person=person, linked_person=linked, closeness="moderate")
        saved_on(member, days_ago(DAYS_AGO + 1))
        changed(member, closeness="strong" if number % 2 else "tenuous")
    connection = ConnectionFactory(person=person, status="suggested")
    saved_on(connection, days_ago(DAYS_AGO + 1))
    changed(connection, status="attending")


def test_the_queries_do_not_grow_with_the_network(signed_in, person, count_queries):
    pages = [
        (reverse("networks:network", args=[person.code]), as_query("on", days_ago(DAYS_AGO))),
        (reverse("networks:compare", args=[person.code]), as_query("first", days_ago(DAYS_AGO))),
    ]
    grow(person, 1)
    small = [count_queries(signed_in, url, params) for url, params in pages]
    grow(person, 30)
    assert [count_queries(signed_in, url, params) for url, params in pages] == small
