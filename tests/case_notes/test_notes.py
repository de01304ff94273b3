import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from case_notes.models import CaseNote
from history.forms import STALE, current_version
from tests.case_notes.conftest import NOTE
from tests.factories import CaseNoteFactory


def test_it_adds_a_note_and_shows_it(as_practitioner, practitioner, person):
    response = as_practitioner.post(reverse("case_notes:add", args=[person.code]), NOTE)
    note = CaseNote.objects.get()
    assert response.url == reverse("case_notes:detail", args=[note.code])
    assert (note.person, note.author, note.date) == (
        person,
        practitioner,
        datetime.date(2026, 11, 2),
    )
    assert (note.kind, note.significant) == ("visit", True)
    assert note.history.get().history_user == practitioner
    page = as_practitioner.get(response.url).content.decode()
    assert "the stairs are harder" in page and "Ask the occupational therapist" in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"what_was_said": ""}, "what_was_said", "Enter what was said"),
        ({"kind": "telegram"}, "kind", "Select what it was"),
        ({"kind": ""}, "kind", "Select what it was"),
        (
            {"date_2": str(timezone.localdate().year + 1)},
            "date",
            "Date must be today or in the past",
        ),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_keeps_the_typing(
    as_practitioner, person, changes, field, message
):
    response = as_practitioner.post(
        reverse("case_notes:add", args=[person.code]), {**NOTE, **changes}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    assert "There is a problem" in page and "govuk-error-message" in page and message in page
    assert "Ask the occupational therapist" in page  # what was typed is still there
    assert not CaseNote.objects.exists()


def test_it_lists_a_persons_notes_newest_first(as_practitioner, person, practitioner):
    for day in [3, 9, 6]:
        CaseNoteFactory(
            person=person, author=practitioner, date=datetime.date(2026, 10, day),
            what_was_said=f"Said on day {day}",
        )  # fmt: skip
    page = as_practitioner.get(reverse("case_notes:list", args=[person.code])).content.decode()
    assert page.index("Said on day 9") < page.index("Said on day 6") < page.index("Said on day 3")


def test_a_change_is_saved_with_who_made_it(as_practitioner, team_lead, client, note):
    client.force_login(team_lead)
    url = reverse("case_notes:edit", args=[note.code])
    sent = {**NOTE, "what_was_said": "She rang back", "version": current_version(note)}
    assert client.post(url, sent).status_code == 302
    note.refresh_from_db()
    assert note.what_was_said == "She rang back"
    assert note.history.first().history_user == team_lead


def test_a_change_over_a_newer_one_is_refused_and_keeps_the_typing(
    as_practitioner, practitioner, note
):
    url = reverse("case_notes:edit", args=[note.code])
    opened_on = current_version(note)
    note.next_steps = "Changed in another tab"
    note.save_by(practitioner)
    sent = {**NOTE, "what_was_said": "Typed in this tab", "version": opened_on}
    response = as_practitioner.post(url, sent)
    page = response.content.decode()
    assert response.status_code == 200
    assert STALE in page and "Typed in this tab" in page and 'id="changed-since"' in page
    assert "Changed in another tab" in page
    note.refresh_from_db()
    assert note.what_was_said == CaseNoteFactory.what_was_said


def test_it_autosaves_a_change_and_refuses_a_stale_or_unfinished_one(as_practitioner, note):
    url = reverse("case_notes:edit", args=[note.code])
    autosave = {"headers": {"X-Autosave": "1"}}
    assert 'data-autosave=""' in as_practitioner.get(url).content.decode()
    assert (
        'data-autosave=""'
        not in as_practitioner.get(
            reverse("case_notes:add", args=[note.person.code])
        ).content.decode()
    )
    opened_on = current_version(note)
    saved = as_practitioner.post(url, {**NOTE, "version": opened_on}, **autosave)
    assert saved.json() == {"version": current_version(note)}
    note.refresh_from_db()
    assert note.kind == "visit"
    unfinished = {**NOTE, "what_was_said": "", "version": current_version(note)}
    refused = as_practitioner.post(url, unfinished, **autosave)
    assert refused.status_code == 422 and "what_was_said" in refused.json()["errors"]
    assert as_practitioner.post(url, {**NOTE, "version": opened_on}, **autosave).status_code == 409


def test_the_persons_page_shows_the_latest_five_notes(as_practitioner, person, practitioner):
    for day in range(1, 8):
        CaseNoteFactory(
            person=person, author=practitioner, date=datetime.date(2026, 10, day),
            what_was_said=f"Said on day {day}",
        )  # fmt: skip
    page = as_practitioner.get(reverse("overview:person", args=[person.code])).content.decode()
    assert "Said on day 7" in page and "Said on day 3" in page
    assert "Said on day 2" not in page
    assert reverse("case_notes:add", args=[person.code]) in page
    assert reverse("case_notes:list", args=[person.code]) in page
