"""Capacity assessments: one decision at one time, the outcome that follows from the
answers, and the best-interests decision when the person lacks capacity."""

import datetime

import pytest
from django.urls import reverse

from history.forms import STALE, current_version
from mental_capacity.models import (
    ANSWERS_SAY_UNABLE,
    NO_IMPAIRMENT,
    NOTHING_UNABLE,
    CapacityAssessment,
)

from .conftest import HAS, LACKS


def add_url(person) -> str:
    return reverse("mental_capacity:assessment_add", args=[person.code])


def test_it_records_a_lack_of_capacity_with_a_best_interests_decision(
    as_practitioner, practitioner, person
):
    response = as_practitioner.post(add_url(person), LACKS)
    assessment = CapacityAssessment.objects.get()
    assert response.url == reverse("mental_capacity:assessment", args=[assessment.code])
    assert (assessment.person, assessment.assessed_by) == (person, practitioner)
    assert assessment.assessed_on == datetime.date(2026, 2, 10)
    assert assessment.unable_to() == ["retains", "uses_or_weighs"]
    assert assessment.history.get().history_user == practitioner
    page = as_practitioner.get(response.url).content.decode()
    for shown in [
        "Whether to sell the house on Larch Lane",
        "Lacks capacity for this decision",
        "Ten minutes later did not remember",
        "Keep the house for now and look again in the spring",
        "Her son and her GP",
        "Says she wants to die in the house she was born in",
    ]:
        assert shown in page, shown


def test_with_capacity_nothing_is_decided_in_their_best_interests(as_practitioner, person):
    sent = {**HAS, "best_interests_decision": "Typed before the outcome was chosen"}
    as_practitioner.post(add_url(person), sent)
    assessment = CapacityAssessment.objects.get()
    assert assessment.outcome == "has_capacity"
    assert (assessment.best_interests_decision, assessment.consulted) == ("", "")
    page = as_practitioner.get(reverse("mental_capacity:assessment", args=[assessment.code]))
    assert "Their best interests" not in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"impairment": "no"}, "outcome", NO_IMPAIRMENT),
        ({"retains": "able", "uses_or_weighs": "able"}, "outcome", NOTHING_UNABLE),
        ({"outcome": "has_capacity"}, "outcome", ANSWERS_SAY_UNABLE),
        (
            {"best_interests_decision": ""},
            "best_interests_decision",
            "Enter what was decided in their best interests",
        ),
        ({"consulted": ""}, "consulted", "Enter who was consulted"),
        ({"decision": ""}, "decision", "Enter the decision"),
        ({"assessed_on_2": "2099"}, "assessed_on", "Date assessed must be today or in the past"),
        (
            {"impairment": ""},
            "impairment",
            "Select yes if something affects how their mind or brain works",
        ),
        ({"retains": ""}, "retains", "Select whether they can remember the information"),
        ({"outcome": "unsure"}, "outcome", "Select the outcome"),
    ],
)
def test_an_answer_that_does_not_hold_is_said_beside_it_and_nothing_is_saved(
    as_practitioner, person, changes, field, message
):
    response = as_practitioner.post(add_url(person), {**LACKS, **changes})
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "There is a problem" in page and page.count(message[:60]) == 2
    assert "Told me back what a sale would mean" in page  # the typing is kept
    assert not CapacityAssessment.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        # They can do all four things, whatever affects their mind.
        {"retains": "able", "uses_or_weighs": "able"},
        # What they cannot do is not because of an impairment or disturbance.
        {"impairment": "no"},
    ],
)
def test_capacity_is_accepted_unless_the_answers_say_they_cannot_decide(
    as_practitioner, person, changes
):
    sent = {**LACKS, **changes, "outcome": "has_capacity"}
    assert as_practitioner.post(add_url(person), sent).status_code == 302
    assert CapacityAssessment.objects.get().outcome == "has_capacity"


def test_the_rule_is_the_models_own(assessment):
    assert assessment.outcome_problems() == []
    assessment.impairment = "no"
    assessment.retains = assessment.uses_or_weighs = "able"
    assert assessment.outcome_problems() == [NO_IMPAIRMENT, NOTHING_UNABLE]


def test_it_lists_the_persons_assessments_newest_first(as_practitioner, person, practitioner):
    from tests.factories import CapacityAssessmentFactory

    for day, decision in [(1, "Where to live"), (20, "Whether to have the operation")]:
        CapacityAssessmentFactory(
            person=person,
            assessed_by=practitioner,
            assessed_on=datetime.date(2026, 1, day),
            decision=decision,
        )
    page = as_practitioner.get(reverse("mental_capacity:assessments", args=[person.code]))
    text = page.content.decode()
    assert text.index("Whether to have the operation") < text.index("Where to live")
    assert "20 January 2026" in text and "Priya Shah" in text


def test_it_changes_an_assessment_keeping_who_assessed(
    as_practitioner, team_lead, client, assessment, practitioner
):
    client.force_login(team_lead)
    url = reverse("mental_capacity:assessment_edit", args=[assessment.code])
    sent = {**LACKS, "consulted": "Her son, her GP and her neighbour"}
    assert client.post(url, {**sent, "version": current_version(assessment)}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.consulted == "Her son, her GP and her neighbour"
    assert assessment.assessed_by == practitioner
    assert assessment.history.first().history_user == team_lead


def test_a_stale_change_is_refused(as_practitioner, practitioner, assessment):
    url = reverse("mental_capacity:assessment_edit", args=[assessment.code])
    opened_on = current_version(assessment)
    assessment.consulted = "Changed in another tab"
    assessment.save_by(practitioner)
    response = as_practitioner.post(url, {**LACKS, "version": opened_on})
    assert STALE in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.consulted == "Changed in another tab"


def test_it_autosaves_a_change(as_practitioner, assessment):
    url = reverse("mental_capacity:assessment_edit", args=[assessment.code])
    sent = {**LACKS, "consulted": "Her son", "version": current_version(assessment)}
    response = as_practitioner.post(url, sent, headers={"X-Autosave": "1"})
    assessment.refresh_from_db()
    assert response.json() == {"version": current_version(assessment)}
    assert assessment.consulted == "Her son"
