"""Auditing a record against the rubric: the settings' questions, answers kept with their
words, bad input refused with what was typed kept, the stale-edit check and autosave."""

import pytest
from django.urls import reverse

from quality_audit.models import RubricAnswer

from .conftest import answers, version_of

RUBRIC = [("voice", "Is the person's voice there?"), ("agreed", "Was it agreed with them?")]


def url_of(audit) -> str:
    return reverse("quality_audit:audit", args=[audit.code])


def test_it_shows_the_record_beside_the_rubric(as_psw, audit, settings):
    audit.conversation.what_matters = "Getting back to the allotment"
    audit.conversation.save()
    page = as_psw.get(url_of(audit)).content.decode()
    assert "Getting back to the allotment" in page
    for _, question in settings.QUALITY_AUDIT_RUBRIC:
        assert question.replace("'", "&#x27;") in page
    assert "Save the audit" in page and "Change<span" not in page


def test_it_saves_the_answers_with_the_questions_words(as_psw, audit, principal_social_worker):
    sent = answers("partly", comment_voice="Mostly the practitioner's words", themes=["own_words"])
    sent["version"] = version_of(audit)
    response = as_psw.post(url_of(audit), sent)
    assert response.url == reverse("quality_audit:sample", args=[2026, 10])
    audit.refresh_from_db()
    assert audit.audited_by == principal_social_worker and audit.is_audited
    assert audit.themes == ["own_words"]
    voice = audit.answers.get(key="voice")
    assert (voice.answer, voice.comment) == ("partly", "Mostly the practitioner's words")
    assert voice.question == "Is the person's voice there, in their own words?"
    assert audit.answers.count() == 7


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer_voice": ""}, "Select Yes, Partly or No for \u201cIs the person&#x27;s voice"),
        ({"answer_needs": "maybe"}, "Select Yes, Partly or No for \u201cAre their needs there?"),
        ({"comment_agreed": "x" * 2001}, "must be 2000 characters or fewer"),
        ({"themes": ["not_a_theme"]}, "Select only the themes listed"),
        ({"what_was_good": "a\x00b"}, "null characters"),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_is_kept(as_psw, audit, changes, message):
    sent = {**answers(comment_voice="Her daughter's words, not hers"), **changes}
    sent["version"] = version_of(audit)
    response = as_psw.post(url_of(audit), sent)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "There is a problem" in page
    assert page.startswith("<!DOCTYPE") and "<title>Error: Audit this record" in page
    assert "Her daughter&#x27;s words, not hers" in page
    assert not RubricAnswer.objects.exists()
    audit.refresh_from_db()
    assert not audit.is_audited


def test_the_questions_are_the_settings(as_psw, audit, settings):
    settings.QUALITY_AUDIT_RUBRIC = RUBRIC
    page = as_psw.get(url_of(audit)).content.decode()
    assert "Was it agreed with them?" in page and "Are their needs there?" not in page
    sent = {"answer_voice": "yes", "answer_agreed": "no", "version": version_of(audit)}
    assert as_psw.post(url_of(audit), sent).status_code == 302
    assert sorted(audit.answers.values_list("key", "question", "answer")) == [
        ("agreed", "Was it agreed with them?", "no"),
        ("voice", "Is the person's voice there?", "yes"),
    ]


def test_a_changed_rubric_never_changes_an_audit_done(as_psw, audit, settings):
    settings.QUALITY_AUDIT_RUBRIC = RUBRIC
    sent = {"answer_voice": "yes", "answer_agreed": "no", "version": version_of(audit)}
    as_psw.post(url_of(audit), sent)
    settings.QUALITY_AUDIT_RUBRIC = [("voice", "Do we hear them?"), ("plan", "Is there a plan?")]
    sent = {"answer_voice": "no", "answer_plan": "yes", "version": version_of(audit)}
    assert as_psw.post(url_of(audit), sent).status_code == 302
    assert sorted(audit.answers.values_list("key", "question", "answer")) == [
        ("agreed", "Was it agreed with them?", "no"),
        ("plan", "Is there a plan?", "yes"),
        ("voice", "Do we hear them?", "no"),
    ]


def test_a_save_over_a_newer_version_is_refused(as_psw, audit):
    opened = version_of(audit)
    as_psw.post(url_of(audit), {**answers("yes"), "version": opened})
    response = as_psw.post(url_of(audit), {**answers("no"), "version": opened})
    assert "Someone saved a change to this record" in response.content.decode()
    assert set(audit.answers.values_list("answer", flat=True)) == {"yes"}


def test_autosave_saves_a_finished_audit_and_refuses_an_unfinished_one(as_psw, audit):
    url, headers = url_of(audit), {"X-Autosave": "1"}
    unfinished = {**answers(), "answer_voice": "", "version": version_of(audit)}
    assert as_psw.post(url, unfinished, headers=headers).status_code == 422
    saved = as_psw.post(url, {**answers(), "version": version_of(audit)}, headers=headers)
    assert saved.status_code == 200 and saved.json()["version"] == version_of(audit)
    stale = as_psw.post(url, {**answers("no"), "version": "1"}, headers=headers)
    assert stale.status_code == 409
    assert set(audit.answers.values_list("answer", flat=True)) == {"yes"}


def test_the_audit_keeps_its_history(as_psw, audit, principal_social_worker):
    as_psw.post(url_of(audit), {**answers("yes"), "version": version_of(audit)})
    as_psw.post(url_of(audit), {**answers("no"), "version": version_of(audit)})
    voice = audit.answers.get(key="voice")
    assert list(voice.history.values_list("answer", flat=True)) == ["no", "yes"]
    assert voice.history.first().history_user == principal_social_worker
    assert audit.history.count() == 3  # drawn, then saved twice
