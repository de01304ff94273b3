"""A person's ethnicity, sex, gender and primary support reason: on its own page, for those
who may see the person, saved with who recorded it, with the stale-edit check."""

import pytest
from django.urls import reverse

from audit.models import RecordView
from demographics.models import Demographics
from history.forms import STALE, current_version
from tests.factories import DemographicsFactory

ANSWERS = {
    "ethnicity": "white_irish",
    "sex": "female",
    "gender_same_as_sex": "yes",
    "gender_identity": "",
    "primary_support_reason": "memory_cognition",
}


def detail(person) -> str:
    return reverse("demographics:detail", args=[person.code])


def edit(person) -> str:
    return reverse("demographics:edit", args=[person.code])


@pytest.fixture
def as_practitioner(client, practitioner):
    client.force_login(practitioner)
    return client


def test_it_records_their_answers_with_who_recorded_them(as_practitioner, person, practitioner):
    response = as_practitioner.post(edit(person), {**ANSWERS, "version": ""})
    assert response.status_code == 302
    answers = Demographics.objects.get(person=person)
    assert (answers.ethnicity, answers.primary_support_reason) == (
        "white_irish",
        "memory_cognition",
    )
    assert answers.recorded_by == practitioner
    assert answers.history.get().history_user == practitioner
    page = as_practitioner.get(detail(person)).content.decode()
    assert "White: Irish" in page and "Support with memory and cognition" in page
    assert "Recorded by Priya Shah" in page


def test_each_answer_is_optional_and_offers_not_known_and_prefers_not_to_say(
    as_practitioner, person
):
    form = as_practitioner.get(edit(person)).content.decode()
    assert form.count("Prefers not to say") == 4 and form.count("Not known") == 4
    assert "they may decline to answer any of them" in form
    assert as_practitioner.post(edit(person), {"version": ""}).status_code == 302
    answers = Demographics.objects.get(person=person)
    assert (answers.ethnicity, answers.sex, answers.gender_same_as_sex) == ("", "", "")


def test_their_own_term_for_their_gender_is_kept_only_when_it_differs(as_practitioner, person):
    sent = {**ANSWERS, "gender_identity": "Non-binary", "version": ""}
    refused = as_practitioner.post(edit(person), sent)
    assert "Leave the term blank unless their gender is not the same" in refused.content.decode()
    assert not Demographics.objects.exists()
    as_practitioner.post(edit(person), {**sent, "gender_same_as_sex": "no"})
    assert Demographics.objects.get().gender_identity == "Non-binary"


def test_an_answer_not_offered_is_an_error_and_nothing_is_saved(as_practitioner, person):
    response = as_practitioner.post(
        edit(person), {**ANSWERS, "ethnicity": "martian", "sex": "x", "version": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert "Select their ethnic group from the list" in page
    assert "Select their sex, not known or prefers not to say" in page
    assert 'value="memory_cognition" selected' in page
    assert not Demographics.objects.exists()


def test_a_stale_change_is_refused(as_practitioner, person, practitioner):
    answers = DemographicsFactory(person=person, recorded_by=practitioner)
    opened_on = current_version(answers)
    answers.sex = "male"
    answers.save_by(practitioner)
    response = as_practitioner.post(edit(person), {**ANSWERS, "version": opened_on})
    assert STALE in response.content.decode()
    assert Demographics.objects.get().sex == "male"


def test_seeing_them_is_in_the_access_log(as_practitioner, person, practitioner):
    as_practitioner.get(detail(person))
    assert RecordView.objects.filter(
        person=person, user=practitioner, page="demographics:detail"
    ).exists()


@pytest.mark.parametrize("role", ["other_practitioner", "administrator", "information_governance"])
def test_no_one_who_may_not_see_the_person_sees_or_changes_them(request, client, person, role):
    DemographicsFactory(person=person, recorded_by=person.practitioner)
    client.force_login(request.getfixturevalue(role))
    assert client.get(detail(person)).status_code == 404
    assert client.post(edit(person), {**ANSWERS, "ethnicity": "other_arab"}).status_code == 404
    assert Demographics.objects.get().ethnicity == "white_british"


def test_the_persons_page_links_to_them_and_shows_none_of_them(as_practitioner, person):
    DemographicsFactory(person=person, ethnicity="other_arab", recorded_by=person.practitioner)
    page = as_practitioner.get(reverse("overview:person", args=[person.code])).content.decode()
    assert detail(person) in page
    assert "Arab" not in page and "Personal care support" not in page
