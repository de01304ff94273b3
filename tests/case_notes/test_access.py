"""Who reads and writes notes between conversations: the people who may see the person."""

import pytest
from django.urls import reverse

from audit.models import RecordView
from case_notes.models import CaseNote
from tests.case_notes.conftest import NOTE

ON_A_NOTE = ["case_notes:detail", "case_notes:edit"]
ON_A_PERSON = ["case_notes:list", "case_notes:add", "case_notes:chronology"]


def status(client, user, name, code, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(reverse(name, args=[code]), data or {}).status_code


@pytest.mark.parametrize("role", ["practitioner", "team_lead"])
def test_it_serves_every_page_to_the_persons_team(client, request, note, person, role):
    user = request.getfixturevalue(role)
    for name in ON_A_NOTE:
        assert status(client, user, name, note.code) == 200
    for name in ON_A_PERSON:
        assert status(client, user, name, person.code) == 200
    assert RecordView.objects.filter(user=user, person=person).exists()


def test_a_lead_adds_a_note_too(client, team_lead, person):
    assert status(client, team_lead, "case_notes:add", person.code, "post", NOTE) == 302
    assert CaseNote.objects.get().author == team_lead


@pytest.mark.parametrize(
    "outsider", ["other_practitioner", "administrator", "information_governance"]
)
def test_no_one_else_finds_a_note_or_writes_one(client, request, note, person, outsider):
    user = request.getfixturevalue(outsider)
    assert status(client, user, "case_notes:detail", note.code) == 404
    assert status(client, user, "case_notes:list", person.code) == 404
    assert status(client, user, "case_notes:chronology", person.code) == 404
    assert status(client, user, "case_notes:edit", note.code, "post", NOTE) == 404
    assert status(client, user, "case_notes:add", person.code, "post", NOTE) == 404
    note.refresh_from_db()
    assert CaseNote.objects.count() == 1 and note.kind == "call"
    assert not RecordView.objects.filter(user=user).exists()
