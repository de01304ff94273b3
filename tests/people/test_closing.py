"""Closing a record well: why (their death with its date, moving away, no longer needing
support), and on a death, letters and reminders stop."""

import datetime

from django.urls import reverse
from django.utils import timezone

from conversations.models import Action
from people.models import Person
from tests.conversations.test_plans_and_reviews import eligible

TODAY = timezone.localdate()


def day(name: str, when: datetime.date) -> dict:
    return {f"{name}_0": str(when.day), f"{name}_1": str(when.month), f"{name}_2": str(when.year)}


def close(client, person, **data):
    return client.post(reverse("people:status", args=[person.code]), data)


def test_a_death_is_recorded_with_its_date(client, practitioner, person):
    client.force_login(practitioner)
    died = TODAY - datetime.timedelta(days=3)
    response = close(client, person, because="died", **day("died_on", died))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == Person.Status.CLOSED
    assert person.closed_because == "died" and person.died_on == died
    page = client.get(reverse("overview:person", args=[person.code])).content.decode()
    assert "They died" in page and "Date of death" in page
    # The change is in the record's history, with who made it.
    assert person.history.first().history_user == practitioner


def test_the_date_goes_with_a_death_and_only_then(client, practitioner, person):
    client.force_login(practitioner)
    page = close(client, person, because="died").content.decode()
    assert "Enter the date of death" in page and "govuk-error-summary" in page
    page = close(client, person, because="moved_away", **day("died_on", TODAY)).content.decode()
    assert "Leave the date of death empty unless they died" in page
    future = TODAY + datetime.timedelta(days=2)
    page = close(client, person, because="died", **day("died_on", future)).content.decode()
    assert "Date of death must be today or in the past" in page
    page = close(
        client, person, because="died", died_on_0="31", died_on_1="2", died_on_2="2026"
    ).content.decode()
    assert "Date of death must be a real date" in page and 'value="31"' in page
    person.refresh_from_db()
    assert person.is_open and person.died_on is None


def test_moving_away_needs_no_more_words(client, practitioner, person):
    client.force_login(practitioner)
    close(client, person, because="moved_away")
    person.refresh_from_db()
    assert person.closed_because == "moved_away" and person.died_on is None


def test_the_model_keeps_a_date_of_death_to_a_death(person, practitioner):
    import pytest

    with pytest.raises(ValueError):
        person.close(because="died", by=practitioner)
    with pytest.raises(ValueError):
        person.close(because="moved_away", died_on=TODAY, by=practitioner)


def test_reopening_clears_a_death_recorded_in_error(client, practitioner, person):
    person.close(because="died", died_on=TODAY, by=practitioner)
    client.force_login(practitioner)
    close(client, person, reason="Recorded against the wrong person")
    person.refresh_from_db()
    assert person.is_open and person.died_on is None and person.closed_because == ""


def test_letters_stop_on_a_death(client, practitioner, person):
    conversation = eligible(person, practitioner, plan_review_date=TODAY)
    client.force_login(practitioner)
    letter = reverse("own_copy:decision_letter", args=[conversation.code])
    assert "No letter after a death" not in client.get(letter).content.decode()
    person.close(because="died", died_on=TODAY, by=practitioner)
    for name in ["decision_letter", "decision_letter_pdf", "plan_letter", "plan_letter_pdf"]:
        response = client.get(reverse(f"own_copy:{name}", args=[conversation.code]))
        assert response.status_code == 200, name
        assert "No letter after a death" in response.content.decode(), name
    record = client.get(reverse("conversations:detail", args=[conversation.code])).content
    assert b"No letters are written to" in record and letter.encode() not in record


def test_reminders_of_actions_stop_on_a_death(client, practitioner, person):
    conversation = eligible(person, practitioner)
    Action.objects.create(
        conversation=conversation, what="Ring the lunch club", who="practitioner", due=TODAY
    )
    client.force_login(practitioner)
    assert "Ring the lunch club" in client.get(reverse("home")).content.decode()
    person.close(because="died", died_on=TODAY, by=practitioner)
    assert "Ring the lunch club" not in client.get(reverse("home")).content.decode()
    assert not Action.objects.to_remind().exists() and Action.objects.open().exists()
