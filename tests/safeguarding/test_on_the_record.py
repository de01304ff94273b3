"""An open concern on the person's page and the lead's caseload; the concern in the subject
access export, marked for review; and gone with the record when it is anonymised."""

import json

import pytest
from django.urls import reverse

from audit.models import RecordView
from people.models import Person
from personal_data.retention import REMOVED, person_anonymise
from safeguarding.models import SafeguardingConcern
from tests.factories import PersonFactory, SafeguardingConcernFactory
from tests.personal_data.test_subject_access_job import downloaded

from .conftest import WHAT

BANNER = "Open safeguarding concern"
TAG = "Safeguarding concern open"


def test_an_open_concern_shows_on_the_persons_page_for_their_team(
    client, practitioner, team_lead, concern, person
):
    for user in [practitioner, team_lead]:
        client.force_login(user)
        page = client.get(reverse("overview:person", args=[person.code])).content.decode()
        assert BANNER in page
        assert reverse("safeguarding:detail", args=[concern.code]) in page
        assert reverse("safeguarding:add", args=[person.code]) in page


def test_a_closed_concern_does_not(as_practitioner, concern, person, practitioner):
    concern.close(on=concern.raised_on, note="Safe now", by=practitioner)
    page = as_practitioner.get(reverse("overview:person", args=[person.code])).content.decode()
    assert BANNER not in page and "Record a safeguarding concern" in page


def test_the_persons_page_does_not_grow_in_queries_with_concerns(
    as_practitioner, person, practitioner, count_queries
):
    url = reverse("overview:person", args=[person.code])
    SafeguardingConcernFactory(person=person, raised_by=practitioner)
    one = count_queries(as_practitioner, url)
    SafeguardingConcernFactory.create_batch(4, person=person, raised_by=practitioner)
    assert count_queries(as_practitioner, url) == one


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


def test_the_lead_sees_who_has_an_open_concern_on_the_caseload(
    as_lead, team, practitioner, concern, person, other_person
):
    SafeguardingConcernFactory(person=other_person)
    quiet = PersonFactory(team=team, practitioner=practitioner, family_name="Quietly")
    response = as_lead.get(reverse("caseload:caseload"))
    page = response.content.decode()
    assert [p.pk for p in response.context["safeguarding_open"]] == [person.pk]
    not_seen = {p.pk: p.safeguarding_open for p in response.context["page"].object_list}
    assert not_seen == {person.pk: True, quiet.pk: False}
    assert page.count(TAG) == 2  # in the list of open concerns, and by their name below
    assert other_person.family_name not in page
    assert RecordView.objects.filter(person=person, page="caseload:caseload").exists()


def test_the_caseload_does_not_grow_in_queries_with_concerns(
    as_lead, team, practitioner, count_queries
):
    url = reverse("caseload:caseload")
    SafeguardingConcernFactory(person=PersonFactory(team=team, practitioner=practitioner))
    one = count_queries(as_lead, url)
    for person in PersonFactory.create_batch(5, team=team, practitioner=practitioner):
        SafeguardingConcernFactory(person=person)
    assert count_queries(as_lead, url) == one


@pytest.fixture
def as_governance(client, information_governance, concern, practitioner):
    concern.what_happened_next = "Police told; Vernon moved out"
    concern.save_by(practitioner)
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_request", args=[concern.person.code])
    client.post(url, {"reference": "SAR-2026-0199"})
    return client


def test_the_export_holds_concerns_marked_to_review_before_disclosure(as_governance, concern):
    url = reverse("personal_data:subject_access", args=[concern.person.code])
    page = as_governance.get(url).content.decode()
    assert WHAT in page and "Earlier versions of safeguarding concerns" in page
    assert page.count("Review before disclosure") >= 2
    assert page.index("review before disclosure") < page.index(WHAT)  # before any of it
    part = as_governance.get(url, {"part": "safeguarding-concerns"}).content.decode()
    assert WHAT in part and "Review before disclosure" in part


def test_the_json_says_which_parts_to_review_and_why(as_governance, concern):
    data = json.loads(downloaded(as_governance, concern.person).getvalue())
    review = data["review_before_disclosure"]
    assert set(review) == {"Safeguarding concerns", "Earlier versions of safeguarding concerns"}
    assert "may live with them" in review["Safeguarding concerns"]
    assert data["data"]["Safeguarding concerns"][0]["what"] == WHAT
    assert len(data["data"]["Earlier versions of safeguarding concerns"]) == 2
    assert "Their details" not in review


def test_anonymising_removes_its_words_the_advocates_name_and_its_history(
    concern, person, practitioner
):
    concern.advocate, concern.advocate_name = "appointed", "Ottoline Brackenbury"
    concern.advocate_organisation = "Leeds Advocacy"
    concern.save_by(practitioner)
    person.close(reason="Moved away", by=practitioner)
    person_anonymise(person=Person.objects.get(pk=person.pk))
    concern.refresh_from_db()
    assert (concern.what, concern.who_told, concern.advocate_name) == (REMOVED, REMOVED, "")
    assert concern.desired_outcomes == "" and concern.anonymised_on is not None
    assert concern.raised_on and concern.advocate == "appointed"
    assert not SafeguardingConcern.history.filter(id=concern.pk).exists()


def test_its_changes_are_among_the_changes_to_the_record(as_practitioner, concern, practitioner):
    concern.what_happened_next = "Strategy discussion booked"
    concern.save_by(practitioner)
    url = reverse("overview:changes", args=[concern.person.code])
    page = as_practitioner.get(url).content.decode()
    assert "Safeguarding concern raised on 4 November 2026" in page
    assert "Strategy discussion booked" in page
