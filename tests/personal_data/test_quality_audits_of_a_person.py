"""A quality audit of a person's record is about them too: it is in their subject access
export, with its earlier versions, and its words are anonymised with their record (its
answers and themes stay, for the results over time)."""

import datetime
import json

import pytest
from django.urls import reverse

from people.models import Person
from personal_data.retention import person_anonymise
from quality_audit.models import RecordAudit, RubricAnswer
from quality_audit.services import record_audit_save
from tests.factories import ConversationFactory, RecordAuditFactory
from tests.personal_data.test_subject_access_job import downloaded


@pytest.fixture
def audited(person, other_person, principal_social_worker, settings):
    """An audit of the person's record, saved twice; and one of another person's."""
    settings.QUALITY_AUDIT_RUBRIC = [("voice", "Is their voice there?")]
    audits = []
    for whose in [person, other_person]:
        conversation = ConversationFactory(
            person=whose,
            practitioner=whose.practitioner,
            status="signed_off",
            signed_off_at=datetime.datetime(2026, 10, 5, 12, tzinfo=datetime.UTC),
        )
        audit = RecordAuditFactory(conversation=conversation, themes=["own_words"])
        audit.what_was_good = "Agnes in her own words, first go"
        record_audit_save(
            audit=audit,
            answers={"voice": ("partly", "Earlier comment")},
            by=principal_social_worker,
        )
        audit.what_was_good = "Agnes in her own words about the allotment"
        record_audit_save(
            audit=audit, answers={"voice": ("yes", "Her words, quoted")}, by=principal_social_worker
        )
        audits.append(audit)
    return audits


@pytest.fixture
def as_governance(client, information_governance, person):
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_request", args=[person.code])
    client.post(url, {"reference": "SAR-2026-0300"})
    return client


def test_the_export_holds_the_audits_of_their_records(as_governance, person, audited):
    data = json.loads(downloaded(as_governance, person).getvalue())["data"]
    [audit] = data["Quality audits of their records"]
    assert audit["what_was_good"] == "Agnes in her own words about the allotment"
    assert audit["themes"] == "['own_words']" and audit["audited_by"] == "Paula Shah"
    [answer] = audit["Answers"]
    assert (answer["question"], answer["answer"], answer["comment"]) == (
        "Is their voice there?",
        "Yes",
        "Her words, quoted",
    )
    earlier = data["Earlier versions of quality audits of their records"]
    assert {v["what_was_good"] for v in earlier} >= {"Agnes in her own words, first go"}
    earlier = data["Earlier versions of quality audits' answers"]
    assert {v["comment"] for v in earlier} == {"Earlier comment", "Her words, quoted"}
    assert len(data["Quality audits of their records"]) == 1  # not the other person's


def test_the_export_page_lists_them(as_governance, person, audited):
    url = reverse("personal_data:subject_access", args=[person.code])
    page = as_governance.get(url).content.decode()
    assert "Quality audits of their records" in page
    assert "Agnes in her own words about the allotment" in page


def test_anonymising_removes_the_audits_words_and_keeps_the_answers(person, practitioner, audited):
    ours, theirs = audited
    person.close(reason="Moved", by=practitioner)
    person_anonymise(person=Person.objects.get(pk=person.pk))
    ours.refresh_from_db()
    assert ours.what_was_good == "(removed)" and ours.what_to_improve == ""
    assert ours.themes == ["own_words"] and ours.is_audited
    answer = ours.answers.get()
    assert (answer.answer, answer.comment, answer.question) == (
        "yes",
        "(removed)",
        "Is their voice there?",
    )
    assert not RecordAudit.history.filter(id=ours.pk).exists()
    assert not RubricAnswer.history.filter(audit_id=ours.pk).exists()
    theirs.refresh_from_db()
    assert theirs.what_was_good == "Agnes in her own words about the allotment"
    assert theirs.answers.get().comment == "Her words, quoted" and theirs.history.exists()
