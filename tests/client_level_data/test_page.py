import csv
import datetime
import io

import pytest
from django.urls import reverse

from audit.models import RecordView
from tests.client_level_data.conftest import make_known_data
from tests.factories import ConversationFactory, DemographicsFactory, PersonFactory, TeamFactory

PAGE = reverse("client_level_data:return")
DOWNLOAD = reverse("client_level_data:download")
Q2 = {"quarter": "2026-27-Q2"}


@pytest.fixture(autouse=True)
def _october(monkeypatch):
    """The page offers the quarters complete on 15 October 2026, Q2 the latest."""
    monkeypatch.setattr("client_level_data.views._today", lambda: datetime.date(2026, 10, 15))


@pytest.fixture
def as_governance(client, information_governance):
    client.force_login(information_governance)
    return client


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    "role", ["practitioner", "team_lead", "administrator", "principal_social_worker"]
)
def test_it_is_for_information_governance_only(request, client, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(PAGE).status_code == 403
    assert client.post(DOWNLOAD, Q2).status_code == 403


def test_it_shows_the_last_complete_quarter_with_counts_and_what_to_fix(as_governance, known):
    page = as_governance.get(PAGE).content.decode()
    assert "2026 to 2027, quarter 2 (1 July 2026 to 30 September 2026)" in page
    assert "Request events</dt>" in page and '<dd class="govuk-summary-list__value">3</dd>' in page
    assert f"record {known.cara.code}</a>" in page
    assert "Record their date of birth." in page
    # The messages name a team and a record's code, never the person.
    assert "Known" not in page
    assert reverse("personal_data:access_log", args=[known.cara.code]) in page


def test_choosing_a_quarter_shows_it(as_governance, known):
    page = as_governance.get(PAGE, {"quarter": "2026-27-Q1"}).content.decode()
    assert "2026 to 2027, quarter 1" in page
    assert "Record their date of birth." not in page


def test_a_quarter_not_offered_is_an_error_and_the_last_complete_one_shows(as_governance):
    response = as_governance.get(PAGE, {"quarter": "2020-21-Q1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error: " in page and "Select a quarter from the list" in page
    assert "2026 to 2027, quarter 2" in page


def test_the_download_is_the_return_in_the_specifications_columns(as_governance, known):
    response = as_governance.post(DOWNLOAD, Q2)
    assert response["Content-Type"].startswith("text/csv")
    assert "client-level-data-2026-27-Q2.csv" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row["Event_Type"] for row in rows].count("Request") == 3
    assert rows[0]["Reporting_Period_Start_Date"] == "2026-07-01"


def test_producing_the_file_is_in_the_access_log_of_each_person_in_it(
    as_governance, known, information_governance
):
    as_governance.get(PAGE, Q2)
    assert not RecordView.objects.exists()
    as_governance.post(DOWNLOAD, Q2)
    logged = RecordView.objects.filter(user=information_governance)
    included = {known.ada.pk, known.ben.pk, known.dev.pk, known.fay.pk}
    assert set(logged.values_list("person", flat=True)) == included
    assert set(logged.values_list("page", flat=True)) == {"client_level_data:download"}


def test_no_cell_of_the_file_runs_as_a_formula(as_governance, known):
    known.ada.family_name = '=HYPERLINK("http://evil.example","x")'
    known.ada.save()
    rows = read_csv(as_governance.post(DOWNLOAD, Q2))
    names = {row["Last_Name"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert not any(name.startswith("=") for name in names)


def test_a_download_without_a_quarter_writes_nothing(as_governance, known):
    response = as_governance.post(DOWNLOAD, {})
    assert response.status_code == 200
    assert "Select a quarter from the list" in response.content.decode()
    assert not RecordView.objects.exists()


def add_people(team, practitioner, count: int) -> None:
    for _ in range(count):
        person = PersonFactory(team=team, first_contact_date=datetime.date(2026, 8, 1))
        DemographicsFactory(person=person, recorded_by=practitioner)
        ConversationFactory(
            person=person,
            practitioner=practitioner,
            status="signed_off",
            date=datetime.date(2026, 8, 2),
            eligible="yes",
            eligibility_decided_on=datetime.date(2026, 8, 3),
            plan_starts_on=datetime.date(2026, 8, 4),
            plan_review_date=datetime.date(2026, 11, 1),
            signed_off_at=datetime.datetime(2026, 8, 3, 12, tzinfo=datetime.UTC),
        )


def test_the_page_and_the_file_do_not_grow_in_queries_with_the_people_in_them(
    as_governance, count_queries, team, practitioner, django_assert_max_num_queries
):
    make_known_data(team, practitioner)
    few = count_queries(as_governance, PAGE, Q2)
    add_people(TeamFactory(name="East locality team"), practitioner, 12)
    assert count_queries(as_governance, PAGE, Q2) == few
    with django_assert_max_num_queries(few + 2):
        as_governance.post(DOWNLOAD, Q2)
