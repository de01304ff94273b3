"""Notes that practitioners and leads write about a person are that person's data: in their
subject access export, and anonymised with their record. A practitioner's notes about no one
are their own."""

import json

import pytest
from django.urls import reverse

from people.models import Person
from personal_data.retention import person_anonymise
from reflection.models import ReflectiveNote
from supervision.models import SupervisionNote
from tests.factories import ConversationFactory, ReflectiveNoteFactory
from tests.personal_data.test_subject_access_job import downloaded


@pytest.fixture
def notes(person, practitioner, team_lead):
    """A reflective note about the person, changed once; one about no one; a supervision note
    about the person, changed once."""
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    about = ReflectiveNoteFactory(
        author=practitioner, person=person, conversation=conversation, what_happened="First go"
    )
    about.what_happened = "Agnes showed me her leeks"
    about.save_by(practitioner)
    ReflectiveNoteFactory(author=practitioner, what_happened="My own worry about workload")
    supervision = SupervisionNote.objects.create(
        lead=team_lead, practitioner=practitioner, person=person, notes="Earlier words"
    )
    supervision.notes = "Power with Agnes, not over her"
    supervision.save_by(team_lead)
    return about, supervision


@pytest.fixture
def as_governance(client, information_governance, person):
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_request", args=[person.code])
    client.post(url, {"reference": "SAR-2026-0200"})
    return client


def test_the_export_page_holds_the_notes_about_them_only(as_governance, person, notes):
    page = as_governance.get(
        reverse("personal_data:subject_access", args=[person.code])
    ).content.decode()
    for held in [
        "Reflective notes about them",
        "Agnes showed me her leeks",
        "Supervision notes about them",
        "Power with Agnes, not over her",
        "Earlier versions of reflective notes about them",
        "First go",
        "Earlier words",
    ]:
        assert held in page, held
    assert "My own worry about workload" not in page


def test_the_json_holds_them_and_their_earlier_versions(as_governance, person, notes):
    data = json.loads(downloaded(as_governance, person).getvalue())["data"]
    [reflective] = data["Reflective notes about them"]
    assert reflective["what_happened"] == "Agnes showed me her leeks"
    assert reflective["author"] == "Priya Shah" and reflective["conversation"]
    [supervision] = data["Supervision notes about them"]
    assert supervision["notes"] == "Power with Agnes, not over her"
    earlier = data["Earlier versions of reflective notes about them"]
    assert {v["what_happened"] for v in earlier} == {"First go", "Agnes showed me her leeks"}
    earlier = data["Earlier versions of supervision notes about them"]
    assert {v["notes"] for v in earlier} == {"Earlier words", "Power with Agnes, not over her"}
    assert "My own worry about workload" not in json.dumps(data)


def test_anonymising_removes_their_words_and_earlier_versions(person, practitioner, notes):
    about, supervision = notes
    person.close(reason="Moved", by=practitioner)
    person_anonymise(person=Person.objects.get(pk=person.pk))
    about.refresh_from_db()
    supervision.refresh_from_db()
    assert about.what_happened == "(removed)" and about.thoughts_and_feelings == ""
    assert about.anonymised_on and about.author == practitioner
    assert supervision.notes == "(removed)" and supervision.anonymised_on
    assert not ReflectiveNote.history.filter(id=about.pk).exists()
    assert not SupervisionNote.history.filter(id=supervision.pk).exists()
    own = ReflectiveNote.objects.get(person=None)
    assert own.what_happened == "My own worry about workload" and own.history.exists()
