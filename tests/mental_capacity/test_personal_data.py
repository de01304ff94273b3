"""Who may decide for them and their capacity assessments are in their subject access export
with every earlier version, are not in their own copy, and cost the person's page a fixed
number of queries however many there are."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse

from mental_capacity.models import DecisionMaker
from personal_data.subject_access import as_json
from tests.factories import CapacityAssessmentFactory, DecisionMakerFactory


def test_the_export_holds_them_and_their_earlier_versions(person, practitioner, holder):
    assessment = CapacityAssessmentFactory(person=person, assessed_by=practitioner)
    assessment.consulted = "Her son, and later her GP"
    assessment.save_by(practitioner)
    holder.end(on=datetime.date(2026, 1, 5), by=practitioner)
    data = as_json(person)["data"]
    [exported_holder] = data["Who may decide for them"]
    assert exported_holder["holder_name"] == "Rowena Tregarthen"
    assert exported_holder["kind"] == "Lasting power of attorney for property and financial affairs"
    assert exported_holder["ended_on"] == "2026-01-05"
    [exported] = data["Mental capacity assessments"]
    assert exported["outcome"] == "Lacks capacity for this decision"
    assert exported["retains"] == "No, they cannot"
    assert exported["assessed_by"] == "Priya Shah"
    earlier = data["Earlier versions of mental capacity assessments"]
    assert [v["consulted"] for v in earlier] == [
        "Her son, and later her GP",
        "Her daughter and the district nurse",
    ]
    assert len(data["Earlier versions of who may decide for them"]) == 2


def test_the_export_page_shows_them(client, information_governance, holder, assessment, person):
    client.force_login(information_governance)
    sar = reverse("personal_data:subject_access_request", args=[person.code])
    client.post(sar, {"reference": "SAR-2026-0099"})
    page = client.get(reverse("personal_data:subject_access", args=[person.code]))
    text = page.content.decode()
    assert "Who may decide for them" in text and "Rowena Tregarthen" in text
    assert "Whether to move into a care home" in text


def test_they_are_not_in_the_persons_own_copy(client, practitioner, holder, assessment, person):
    client.force_login(practitioner)
    page = client.get(reverse("own_copy:copy", args=[person.code])).content.decode()
    assert "Rowena Tregarthen" not in page
    assert "care home" not in page and "capacity" not in page.lower()


def test_the_persons_page_runs_as_many_queries_for_many_as_for_one(
    client, practitioner, person, count_queries
):
    url = reverse("overview:person", args=[person.code])
    client.force_login(practitioner)

    def add(times: int) -> None:
        for _ in range(times):
            DecisionMakerFactory(person=person, created_by=practitioner)
            ended = DecisionMakerFactory(person=person, created_by=practitioner)
            ended.end(on=datetime.date(2026, 1, 1), by=practitioner)
            CapacityAssessmentFactory(person=person, assessed_by=practitioner)

    add(1)
    one = count_queries(client, url)
    add(5)
    assert count_queries(client, url) == one
    assert client.get(url).content.decode().count("Rowena Tregarthen, since") == 6


def test_the_demo_gives_one_person_a_property_and_financial_affairs_attorney(db):
    for _ in range(2):  # safe to run again
        call_command("demo_data", stdout=io.StringIO())
    holder = DecisionMaker.objects.get()
    assert holder.kind == DecisionMaker.Kind.LPA_PROPERTY_AND_FINANCIAL
    assert holder.person.preferred_name == "Stan" and holder.is_current
