"""A resource's opening times, day by day: kept as lines, shown as a table, changed a line at
a time by the directory's administrators."""

import datetime
import re

import pytest
from django.urls import reverse

from community.models import OpeningTime
from govuk.times import time_in_words, time_typed
from tests.factories import CommunityResourceFactory


@pytest.fixture
def baths(db):
    return CommunityResourceFactory(name="Bramley Baths", opening_times="Closed on bank holidays")


def page_of(client, resource) -> str:
    return client.get(reverse("community:opening_times", args=[resource.code])).content.decode()


def add(client, resource, **data):
    return client.post(reverse("community:opening_times", args=[resource.code]), data)


@pytest.mark.parametrize(
    ("time", "words"),
    [
        (datetime.time(9), "9am"),
        (datetime.time(15, 30), "3:30pm"),
        (datetime.time(12), "midday"),
        (datetime.time(0), "midnight"),
        (datetime.time(0, 30), "12:30am"),
        (datetime.time(12, 5), "12:05pm"),
        (None, ""),
    ],
)
def test_times_are_written_as_govuk_writes_them(time, words):
    assert time_in_words(time) == words


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("9am", datetime.time(9)),
        ("9", datetime.time(9)),
        (" 2:30 PM ", datetime.time(14, 30)),
        ("2.30pm", datetime.time(14, 30)),
        ("14:30", datetime.time(14, 30)),
        ("10:00:00", datetime.time(10)),
        ("12am", datetime.time(0)),
        ("12pm", datetime.time(12)),
        ("noon", datetime.time(12)),
        ("midnight", datetime.time(0)),
        ("13pm", None),
        ("25:00", None),
        ("9:75", None),
        ("teatime", None),
    ],
)
def test_times_are_read_as_people_type_them(typed, time):
    assert time_typed(typed) == time


@pytest.mark.parametrize(
    ("days", "words"),
    [
        ("MO", "Monday"),
        ("MO,TU", "Monday and Tuesday"),
        ("MO,TU,WE,TH,FR", "Monday to Friday"),
        ("MO,WE,FR", "Monday, Wednesday and Friday"),
        ("MO,TU,WE,FR,SA,SU", "Monday to Wednesday and Friday to Sunday"),
    ],
)
def test_days_are_put_in_words(days, words):
    assert OpeningTime(days=days).days_display == words


def test_an_administrator_adds_a_line_and_sees_it_in_the_table(client, administrator, baths):
    client.force_login(administrator)
    assert "No opening times are set out yet" in page_of(client, baths)
    response = add(
        client,
        baths,
        days=["FR", "MO", "WE"],
        opens_at="9am",
        closes_at="5:30pm",
        valid_from_0="21",
        valid_from_1="7",
        valid_from_2="2027",
        valid_to_0="1",
        valid_to_1="9",
        valid_to_2="2027",
        notes="Summer holidays",
    )
    assert response.status_code == 302
    line = baths.opening_hours.get()
    assert (line.days, line.opens_at, line.closes_at) == (
        "MO,WE,FR",
        datetime.time(9),
        datetime.time(17, 30),
    )
    assert (line.valid_from, line.valid_to) == (
        datetime.date(2027, 7, 21),
        datetime.date(2027, 9, 1),
    )
    # The resource's history says who changed it.
    assert baths.history.latest().history_user == administrator
    detail = client.get(reverse("community:detail", args=[baths.code])).content.decode()
    row = re.search(
        r"<th scope=\"row\"[^>]*>Monday, Wednesday and Friday</th>(.*?)</tr>", detail, re.S
    )
    assert row and "9am to 5:30pm" in row[1] and "From 21 July 2027 to 1 September 2027" in row[1]
    # The words stay, for what the table cannot say.
    assert "More about opening times" in detail and "Closed on bank holidays" in detail


def test_a_night_shelter_closes_the_next_day(client, administrator, baths):
    client.force_login(administrator)
    assert add(client, baths, days=["SA"], opens_at="8pm", closes_at="8am").status_code == 302
    assert "8pm to 8am the next day" in page_of(client, baths)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"opens_at": "9am", "closes_at": "5pm"}, "days", "Select the days it is open"),
        ({"days": ["MO"], "closes_at": "5pm"}, "opens_at", "Enter the time it opens, like 9am"),
        (
            {"days": ["MO"], "opens_at": "25 o'clock", "closes_at": "5pm"},
            "opens_at",
            "Enter a time of day, like 9am or 2:30pm",
        ),
        (
            {"days": ["MO"], "opens_at": "9am", "closes_at": "09:00"},
            "closes_at",
            "The closing time must not be the same as the opening time",
        ),
        (
            {"days": ["XX"], "opens_at": "9am", "closes_at": "5pm"},
            "days",
            "Select the days it is open",
        ),
        (
            {
                "days": ["MO"],
                "opens_at": "9am",
                "closes_at": "5pm",
                "valid_from_0": "2",
                "valid_from_1": "9",
                "valid_from_2": "2027",
                "valid_to_0": "1",
                "valid_to_1": "9",
                "valid_to_2": "2027",
            },
            "valid_to",
            "The last date must be the same as or after the first",
        ),
        (
            {
                "days": ["MO"],
                "opens_at": "9am",
                "closes_at": "5pm",
                "valid_from_0": "31",
                "valid_from_1": "2",
                "valid_from_2": "2027",
            },
            "valid_from",
            "First date (optional) must be a real date",
        ),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_kept(
    client, administrator, baths, data, field, message
):
    client.force_login(administrator)
    response = add(client, baths, **data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="#id_{field}' in page  # the error summary links to the field
    assert message in page
    for typed in [value for value in data.values() if isinstance(value, str)]:
        assert f'value="{typed}"'.replace("'", "&#x27;") in page
    assert not OpeningTime.objects.exists()


def test_a_line_is_taken_out(client, administrator, baths):
    line = baths.opening_hours.create(
        days="MO", opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    kept = baths.opening_hours.create(
        days="TU", opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    client.force_login(administrator)
    assert reverse("community:opening_time_remove", args=[baths.code, line.pk]) in page_of(
        client, baths
    )
    response = client.post(reverse("community:opening_time_remove", args=[baths.code, line.pk]))
    assert response.url == reverse("community:opening_times", args=[baths.code])
    assert list(baths.opening_hours.all()) == [kept]
    assert baths.history.latest().history_user == administrator


def test_a_line_of_another_resource_is_not_found(client, administrator, baths):
    other = CommunityResourceFactory(name="Other")
    line = other.opening_hours.create(
        days="MO", opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    client.force_login(administrator)
    response = client.post(reverse("community:opening_time_remove", args=[baths.code, line.pk]))
    assert response.status_code == 404 and OpeningTime.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize("role", ["practitioner", "team_lead"])
def test_only_administrators_change_opening_times(client, request, baths, role):
    line = baths.opening_hours.create(
        days="MO", opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("community:opening_times", args=[baths.code])).status_code == 403
    assert add(client, baths, days=["TU"], opens_at="9am", closes_at="5pm").status_code == 403
    remove = reverse("community:opening_time_remove", args=[baths.code, line.pk])
    assert client.post(remove).status_code == 403
    assert list(baths.opening_hours.values_list("days", flat=True)) == ["MO"]
    # They read the table, without a way to change it.
    detail = client.get(reverse("community:detail", args=[baths.code])).content.decode()
    assert "9am to midday" in detail
    assert reverse("community:opening_times", args=[baths.code]) not in detail
