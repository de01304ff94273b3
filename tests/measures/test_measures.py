"""The service measures against a team's records whose answers are counted by hand."""

import csv
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Restriction, Team
from measures import views
from measures.selectors import Measure, Period, service_measures
from tests.factories import (
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    PersonFactory,
    SafeguardingConcernFactory,
    complete_conversation,
)

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
PERIOD = {
    "start_0": "1",
    "start_1": "1",
    "start_2": "2026",
    "end_0": "30",
    "end_1": "6",
    "end_2": "2026",
}


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def moment(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


@pytest.fixture
def records(team, other_team, practitioner):
    """Five people of the team (A to E) and one of another team, as the module says."""

    def person(first_contact: str, team=team):
        return PersonFactory(
            team=team, practitioner=practitioner, first_contact_date=day(first_contact)
        )

    def talk(who, date: str, stage: int, outcome: str = "", **more):
        ConversationFactory(
            person=who,
            practitioner=practitioner,
            date=day(date),
            stage=stage,
            outcome=outcome,
            **more,
        )

    a, b, c = person("2026-01-10"), person("2026-02-01"), person("2026-03-01")
    person("2026-04-01")  # D: a first contact, no conversation yet
    e = person("2025-06-01")
    talk(a, "2026-01-20", 1, "resolved", contributions="Helps her neighbours with shopping")
    talk(b, "2026-02-21", 1, "stage_2")
    talk(b, "2026-03-01", 2, "resolved")
    talk(c, "2026-03-31", 1, "stage_3")
    talk(c, "2026-04-10", 3, "same_stage")
    talk(e, "2025-07-01", 1, "stage_2")
    talk(e, "2026-05-05", 2)
    f = person("2026-01-15", team=other_team)
    talk(f, "2026-01-16", 1, "resolved", contributions="Not ours to count")
    ConnectionFactory(
        person=a, status="attending", role="receives", created_at=moment("2026-03-01 10:00")
    )
    ConnectionFactory(
        person=b, status="introduced", role="volunteer", created_at=moment("2026-03-05 10:00")
    )
    ConnectionFactory(person=c, status="attending", created_at=moment("2025-12-01 10:00"))
    NetworkMemberFactory(person=a, started_on=day("2025-01-01"))
    NetworkMemberFactory(person=a, started_on=day("2026-02-01"))
    NetworkMemberFactory(
        person=c, started_on=day("2020-01-01"), ended_on=day("2026-05-01"), person_gives="Cooks"
    )


def measured(team) -> dict:
    period = Period(teams=Team.objects.filter(pk=team.pk), start=START, end=END)
    return {measure.slug: measure for measure in service_measures(period)}


def test_it_counts_first_contacts_by_month(records, team):
    measure = measured(team)["first-contacts"]
    assert [row[1] for row in measure.rows] == [1, 1, 1, 1, 0, 0]
    assert measure.rows[0][0] == "January 2026" and measure.headline == "4 in the period"


def test_it_finds_the_median_days_to_a_first_conversation(records, team):
    measure = measured(team)["days-to-first-conversation"]
    assert [row[1] for row in measure.rows] == [4, 3, "20"]
    assert measure.headline == "Median: 20 days"


def test_it_counts_conversations_by_stage_and_moves_between_them(records, team):
    measures = measured(team)
    assert [row[1] for row in measures["conversations-by-stage"].rows] == [3, 2, 1]
    assert [row[1] for row in measures["stage-moves"].rows] == [1, 1, 0]


def test_it_shares_people_by_where_their_conversations_led(records, team):
    rows = measured(team)["latest-outcomes"].rows
    assert [row[1:] for row in rows] == [[1, "25%"], [1, "25%"], [1, "25%"], [1, "25%"], [0, "0%"]]


def test_it_counts_people_seen_with_no_outcome_recorded_yet(team, practitioner):
    person = PersonFactory(
        team=team, practitioner=practitioner, first_contact_date=day("2026-02-01")
    )
    ConversationFactory(person=person, practitioner=practitioner, date=day("2026-02-10"), stage=1)
    rows = measured(team)["latest-outcomes"].rows
    assert rows[-1] == ["No outcome recorded yet", 1, "100%"]
    assert rows[3][1] == 0  # not "still in conversation 1 or 2"


def test_it_counts_connections_contributions_and_network_change(records, team):
    measures = measured(team)
    assert [row[1] for row in measures["community-connections"].rows] == [2, 1, 1]
    assert [row[1:] for row in measures["contributions"].rows] == [
        [4, "100%"],
        [1, "25%"],
        [3, "75%"],
    ]
    network = measures["network-change"]
    assert [row[1] for row in network.rows] == [1, 2, 1]
    assert network.headline == "Average 0.5 at first contact, 0.5 at the end of the period"


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


def test_the_dashboard_draws_each_chart_with_its_numbers(records, as_lead):
    page = as_lead.get(reverse("measures:dashboard"), PERIOD).content.decode()
    assert page.count('role="img"') == 11  # every measure but the two of medians
    assert "Conversations by stage: the numbers" in page
    assert "Median: 20 days" in page


def test_every_table_downloads_as_csv(records, as_lead):
    response = as_lead.get(reverse("measures:csv", args=["conversations-by-stage"]), PERIOD)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "Stage,Conversations"
    assert lines[1:] == [
        "1: Listen and connect,3",
        "2: Work intensively with people in crisis,2",
        "3: Build a good life,1",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_0": "31", "start_1": "2"}, "From must be a real date"),
        ({"start_2": "2027"}, "The start must be on or before the end"),
        ({"end_2": "2099"}, "To must be today or in the past"),
    ],
)
def test_it_explains_a_period_that_cannot_be(as_lead, changes, message):
    response = as_lead.get(reverse("measures:dashboard"), {**PERIOD, **changes})
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert response.context["charts"] == []


def test_its_queries_do_not_grow_with_the_records(
    as_lead, team, practitioner, count_queries, settings
):
    settings.MEASURES_CACHE_SECONDS = 0
    url = reverse("measures:dashboard")
    first = PersonFactory(team=team, first_contact_date=day("2026-02-01"))
    ConversationFactory(person=first, practitioner=practitioner, date=day("2026-03-01"))
    few = count_queries(as_lead, url, PERIOD)
    for person in PersonFactory.create_batch(15, team=team, first_contact_date=day("2026-02-01")):
        ConversationFactory(person=person, practitioner=practitioner, date=day("2026-03-01"))
        NetworkMemberFactory(person=person)
        ConnectionFactory(person=person)
    assert count_queries(as_lead, url, PERIOD) == few


@pytest.mark.parametrize("cast", ["practitioner", "administrator"])
def test_only_leads_see_the_measures(client, db, request, cast):
    client.force_login(request.getfixturevalue(cast))
    assert client.get(reverse("measures:dashboard")).status_code == 403
    assert client.get(reverse("measures:csv", args=["first-contacts"])).status_code == 403


def test_a_lead_cannot_measure_another_team(as_lead, records, other_team):
    response = as_lead.get(reverse("measures:dashboard"), {**PERIOD, "team": other_team.pk})
    assert "There is a problem" in response.content.decode()
    assert response.context["charts"] == []


def test_it_shows_the_last_year_unless_asked(as_lead, team):
    response = as_lead.get(reverse("measures:dashboard"))
    period = response.context["period"]
    assert period.end == timezone.localdate()
    assert (period.end - period.start).days == 364
    assert f'value="{period.start.year}"' in response.content.decode()


def test_the_measures_are_kept_for_a_few_minutes(records, as_lead, count_queries):
    url = reverse("measures:dashboard")
    first = count_queries(as_lead, url, PERIOD)  # the first of its two requests works them out
    from django.core.cache import cache

    cache.clear()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as working_out:
        as_lead.get(url, PERIOD)
    assert first < len(working_out)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start_2": "1"}, "start", "From must be on or after 1 January 2000"),
        (
            {"start_0": "31", "start_1": "12", "start_2": "1999"},
            "start",
            "From must be on or after 1 January 2000",
        ),
        ({"end_2": "1999"}, "end", "To must be on or after 1 January 2000"),
        (
            {"start_0": "29", "start_2": "2021"},
            "start",
            "From must be no more than 5 years before To: 30 June 2021 or later",
        ),
    ],
)
def test_it_bounds_the_period_and_says_how(as_lead, changes, field, message):
    response = as_lead.get(reverse("measures:dashboard"), {**PERIOD, **changes})
    page = response.content.decode()
    assert f'<li><a href="#id_{field}">{message}</a></li>' in page  # the error summary
    by_the_field = page.split(f'id="div_id_{field}"')[1].split("</fieldset>")[0]
    assert "govuk-error-message" in by_the_field and message in by_the_field
    for name, typed in changes.items():
        assert f'name="{name}" value="{typed}"' in page
    assert response.context["charts"] == []


def test_it_measures_five_years_at_most(as_lead):
    five_years = {**PERIOD, "start_0": "30", "start_1": "6", "start_2": "2021"}
    response = as_lead.get(reverse("measures:dashboard"), five_years)
    period = response.context["period"]
    assert (period.start, period.end) == (datetime.date(2021, 6, 30), END)
    assert len(response.context["charts"]) == 13
    too_long = {**PERIOD, "start_2": "2001"}
    assert as_lead.get(reverse("measures:csv", args=["stage-moves"]), too_long).status_code == 404


def test_it_lets_no_csv_cell_run_as_a_spreadsheet_formula(as_lead, monkeypatch):
    def measures_of(period):  # text a team could give, in a measure that counts by it
        rows = [['=HYPERLINK("https://evil.example")', -2], ["@North team", 3], ["Plain", 1]]
        return [Measure("by-team", "By team", "", "", ["+Team", "People"], rows)]

    monkeypatch.setattr(views, "service_measures", measures_of)
    response = as_lead.get(reverse("measures:csv", args=["by-team"]), PERIOD)
    assert response.content.decode().splitlines() == [
        "'+Team,People",
        '"\'=HYPERLINK(""https://evil.example"")",-2',
        "'@North team,3",
        "Plain,1",
    ]


@pytest.fixture
def decisions(team, practitioner, team_lead):
    """G and H, first contact 1 February; G decided eligible on 3 March (30 days) with a plan
    starting 16 March (43 days), reviewed on time on 1 May; H decided not eligible on 1
    April (59 days); I, a carer, decided eligible on 2 April, and her mother's daughter J,
    an unpaid carer offered a conversation on 1 March who declined it; K's review is
    overdue today; L's review was late."""

    def signed_off(conversation):
        conversation.submit(by=practitioner)
        conversation.sign_off(by=team_lead)
        return conversation

    def person(first_contact="2026-02-01"):
        return PersonFactory(
            team=team, practitioner=practitioner, first_contact_date=day(first_contact)
        )

    g, h, i, k = person(), person(), person("2025-01-01"), person("2025-01-01")
    ell = person("2025-01-01")
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=g, practitioner=practitioner, stage=3, date=day("2026-03-03")
            ),
            eligible="yes",
            eligibility_decided_on=day("2026-03-03"),
            plan_starts_on=day("2026-03-16"),
            plan_review_date=day("2026-05-11"),
        )
    )
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=g, practitioner=practitioner, kind="review", date=day("2026-05-01")
            ),
            review_plan="continues",
            review_what_worked="The mornings",
            review_next_date=day("2027-04-30"),
        )
    )
    # L's plan was due for review on 1 March, reviewed on 9 March: late.
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=ell, practitioner=practitioner, stage=3, date=day("2025-12-01")
            ),
            eligible="yes",
            eligibility_decided_on=day("2025-12-01"),
            plan_starts_on=day("2026-01-05"),
            plan_review_date=day("2026-03-01"),
        )
    )
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=ell, practitioner=practitioner, kind="review", date=day("2026-03-09")
            ),
            review_plan="continues",
            review_what_worked="Fine",
            review_next_date=day("2027-03-01"),
        )
    )
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=h, practitioner=practitioner, stage=3, date=day("2026-04-01")
            ),
            eligible="no",
            eligibility_decided_on=day("2026-04-01"),
        )
    )
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=i, practitioner=practitioner, kind="carers", date=day("2026-04-02")
            ),
            eligible="yes",
            eligibility_decided_on=day("2026-04-02"),
        )
    )
    NetworkMemberFactory(
        person=i,
        unpaid_carer=True,
        carer_offered_on=day("2026-03-01"),
        carer_offer="declined",
    )
    NetworkMemberFactory(person=i, unpaid_carer=True)  # not offered yet
    # Concerns: G's raised in March, enquiries made, closed; H's raised in April, open; K's
    # raised last year, open.
    SafeguardingConcernFactory(
        person=g, raised_on=day("2026-03-10"), decision="enquire", closed_on=day("2026-04-01")
    )
    SafeguardingConcernFactory(person=h, raised_on=day("2026-04-10"))
    SafeguardingConcernFactory(person=k, raised_on=day("2025-06-10"))
    signed_off(
        complete_conversation(
            ConversationFactory(
                person=k, practitioner=practitioner, stage=3, date=day("2025-03-03")
            ),
            eligible="yes",
            eligibility_decided_on=day("2025-03-03"),
            plan_starts_on=day("2025-03-03"),
            plan_review_date=day("2025-04-28"),
        )
    )


def test_it_counts_decisions_plans_reviews_and_carers(decisions, team):
    measures = measured(team)
    waits = dict(measures["days-to-decision-and-plan"].rows)
    assert waits["Median days to an eligibility decision"] == "44.5"  # 30 and 59
    assert waits["Median days to a plan starting"] == "43"
    assert measures["decisions"].rows == [
        ["Eligible", 1, "33%"],
        ["Not eligible", 1, "33%"],
        ["Carers: eligible", 1, "33%"],
        ["Carers: not eligible", 0, "0%"],
    ]
    reviews = {row[0]: row[1] for row in measures["reviews"].rows}
    assert reviews == {
        "On time": 1,
        "Late": 1,
        "With no review due before it": 0,
        "People whose review is overdue today": 1,
    }
    assert dict(measures["safeguarding"].rows) == {
        "Raised in the period": 2,
        "Of them, enquiries to be made": 1,
        "Of them, no enquiry": 0,
        "Of them, closed since": 1,
        "Open today, raised at any time": 2,
    }
    assert dict(measures["carers"].rows) == {
        "Offered a carer's conversation": 1,
        "Accepted": 0,
        "Declined": 1,
        "Had a carer's conversation": 1,
        "Not yet offered one": 1,
    }


def test_every_csv_matches_its_table_on_the_page(records, decisions, as_lead):
    page = as_lead.get(reverse("measures:dashboard"), PERIOD)
    shown = page.content.decode()
    for measure, _ in page.context["charts"]:
        response = as_lead.get(reverse("measures:csv", args=[measure.slug]), PERIOD)
        lines = list(csv.reader(response.content.decode().splitlines()))
        assert lines == [measure.columns, *[[str(cell) for cell in row] for row in measure.rows]]
        for row in measure.rows:  # each row of the page's table, and its numbers
            cells = [
                f'<td class="govuk-table__cell govuk-table__cell--numeric">{cell}</td>'
                for cell in row[1:]
            ]
            header = f'<th scope="row" class="govuk-table__header">{escape(row[0])}</th>'
            assert re.search(r"\s*".join(map(re.escape, [header, *cells])), shown)


def test_it_counts_the_first_and_last_days_of_the_period_and_none_outside(team, practitioner):
    person = PersonFactory(team=team, first_contact_date=START)
    for date in [START - datetime.timedelta(days=1), START, END, END + datetime.timedelta(days=1)]:
        ConversationFactory(person=person, practitioner=practitioner, date=date, stage=2)
    ConversationFactory(person=person, practitioner=practitioner, date=None, stage=1)
    measures = measured(team)
    assert [row[1] for row in measures["conversations-by-stage"].rows] == [0, 2, 0]
    assert measures["first-contacts"].headline == "1 in the period"
    assert measures["days-to-first-conversation"].rows[2][1] == "-1"  # a day before it


def test_it_counts_closed_people_and_restricted_records_too(team, practitioner):
    closed = PersonFactory(team=team, status="closed", first_contact_date=START)
    restricted = PersonFactory(team=team, first_contact_date=START)
    Restriction.objects.create(
        person=restricted, reason="public_figure", restricted_by=practitioner
    )
    for person in [closed, restricted]:
        ConversationFactory(person=person, practitioner=practitioner, date=START, stage=1)
        NetworkMemberFactory(person=person, started_on=START + datetime.timedelta(days=1))
    measures = measured(team)
    assert measures["conversations-by-stage"].rows[0][1] == 2
    assert measures["contributions"].rows[0][1] == 2  # both seen in the period
    assert measures["network-change"].rows[0][1] == 2  # each network grew from none to one


def test_a_member_who_left_on_the_last_day_is_not_counted_then(team, practitioner):
    person = PersonFactory(team=team, first_contact_date=START)
    ConversationFactory(person=person, practitioner=practitioner, date=START)
    NetworkMemberFactory(person=person, started_on=START, ended_on=END)
    NetworkMemberFactory(person=person, started_on=END)
    network = measured(team)["network-change"]
    assert network.headline == "Average 1.0 at first contact, 1.0 at the end of the period"
    assert network.rows[1][1] == 1  # the same size


def test_it_counts_carers_offered_in_the_period_and_those_still_to_offer(team, practitioner):
    person = PersonFactory(team=team)
    offered = {"unpaid_carer": True, "carer_offer": "accepted"}
    NetworkMemberFactory(person=person, carer_offered_on=END, **offered)
    NetworkMemberFactory(
        person=person, carer_offered_on=END + datetime.timedelta(days=1), **offered
    )
    NetworkMemberFactory(person=person, unpaid_carer=True)  # not offered yet
    NetworkMemberFactory(person=person, unpaid_carer=True, ended_on=START)  # gone
    NetworkMemberFactory(person=person)  # not a carer
    carer = PersonFactory(team=team)
    ConversationFactory(person=carer, practitioner=practitioner, kind="carers", date=END)
    ConversationFactory(person=carer, practitioner=practitioner, kind="carers", date=START)
    assert dict(measured(team)["carers"].rows) == {
        "Offered a carer's conversation": 1,
        "Accepted": 1,
        "Declined": 0,
        "Had a carer's conversation": 1,
        "Not yet offered one": 1,
    }


def test_connections_count_by_their_day_in_local_time(team, practitioner):
    """30 June 2026 is summer time: 23:30 that night is 22:30 UTC, in the period; 00:30 on
    1 July is 23:30 UTC on 30 June, after it."""
    person = PersonFactory(team=team, practitioner=practitioner)
    ConnectionFactory(person=person, created_at=moment("2026-06-30 23:30"))
    ConnectionFactory(person=person, created_at=moment("2026-07-01 00:30"))
    ConnectionFactory(person=person, created_at=moment("2026-01-01 00:10"))
    ConnectionFactory(person=person, created_at=moment("2025-12-31 23:50"))
    assert measured(team)["community-connections"].rows[0][1] == 2
