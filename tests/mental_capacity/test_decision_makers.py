"""Who may decide for the person: adding, changing and ending an attorney or a deputy."""

import datetime

import pytest
from django.urls import reverse

from history.forms import STALE, current_version
from mental_capacity.models import DecisionMaker

from .conftest import HOLDER


def test_it_adds_an_attorney_and_shows_them_on_the_persons_page(
    as_practitioner, practitioner, person
):
    response = as_practitioner.post(
        reverse("mental_capacity:holder_add", args=[person.code]), HOLDER
    )
    assert response.url == reverse("overview:person", args=[person.code])
    holder = DecisionMaker.objects.get()
    assert (holder.person, holder.created_by, holder.since) == (
        person,
        practitioner,
        datetime.date(2024, 3, 4),
    )
    assert holder.history.get().history_user == practitioner
    page = as_practitioner.get(response.url).content.decode()
    assert "Who may decide for them" in page
    assert "Lasting power of attorney for health and welfare" in page
    assert "Wilhelmina Trevose, since 4 March 2024" in page
    assert reverse("mental_capacity:holder_edit", args=[holder.code]) in page


def test_the_persons_page_says_when_no_one_holds_a_power(as_practitioner, person):
    page = as_practitioner.get(reverse("overview:person", args=[person.code])).content.decode()
    assert "No attorney or deputy has been recorded" in page
    assert reverse("mental_capacity:holder_add", args=[person.code]) in page


@pytest.mark.parametrize(
    ("field", "changes", "message"),
    [
        ("holder_name", {"holder_name": ""}, "Enter the name of who holds it"),
        ("kind", {"kind": ""}, "Select what they may decide"),
        ("kind", {"kind": "enduring"}, "Select what they may decide"),
        ("since", {"since_2": "2099"}, "Date it started must be today or in the past"),
        ("since", {"since_0": "31", "since_1": "2"}, "Date it started must be a real date"),
        ("since", {"since_0": "", "since_1": "", "since_2": ""}, "Enter the date it started"),
        ("checked", {"checked": "maybe"}, "Select yes if it has been checked, or no"),
    ],
)
def test_bad_input_is_said_beside_the_field_and_the_typing_is_kept(
    as_practitioner, person, field, changes, message
):
    sent = {**HOLDER, "check_note": "Phoned the Office of the Public Guardian", **changes}
    response = as_practitioner.post(reverse("mental_capacity:holder_add", args=[person.code]), sent)
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "There is a problem" in page and page.count(message) == 2  # summary and field
    assert "<title>Error: " in page
    assert "Phoned the Office of the Public Guardian" in page
    assert not DecisionMaker.objects.exists()


def test_it_changes_who_holds_it_and_keeps_the_earlier_version(
    as_practitioner, practitioner, holder
):
    url = reverse("mental_capacity:holder_edit", args=[holder.code])
    sent = {**HOLDER, "holder_name": "Rowena Pascoe", "version": current_version(holder)}
    assert as_practitioner.post(url, sent).status_code == 302
    holder.refresh_from_db()
    assert holder.holder_name == "Rowena Pascoe"
    assert [v.holder_name for v in holder.history.all()] == ["Rowena Pascoe", "Rowena Tregarthen"]


def test_a_change_over_a_newer_one_is_refused_and_keeps_the_typing(
    as_practitioner, practitioner, holder
):
    url = reverse("mental_capacity:holder_edit", args=[holder.code])
    opened_on = current_version(holder)
    holder.holder_contact = "Changed in another tab"
    holder.save_by(practitioner)
    sent = {**HOLDER, "holder_name": "Rowena Pascoe", "version": opened_on}
    response = as_practitioner.post(url, sent)
    assert response.status_code == 200
    assert STALE in response.content.decode() and "Rowena Pascoe" in response.content.decode()
    holder.refresh_from_db()
    assert holder.holder_name == "Rowena Tregarthen"


def test_it_autosaves_a_change_and_refuses_a_stale_or_unfinished_one(
    as_practitioner, practitioner, holder
):
    url = reverse("mental_capacity:holder_edit", args=[holder.code])
    autosave = {"headers": {"X-Autosave": "1"}}
    assert 'data-autosave=""' in as_practitioner.get(url).content.decode()
    opened_on = current_version(holder)
    saved = as_practitioner.post(url, {**HOLDER, "version": opened_on}, **autosave)
    assert saved.json() == {"version": current_version(holder)}
    unfinished = {**HOLDER, "holder_name": "", "version": current_version(holder)}
    assert as_practitioner.post(url, unfinished, **autosave).status_code == 422
    assert (
        as_practitioner.post(url, {**HOLDER, "version": opened_on}, **autosave).status_code == 409
    )


def test_it_ends_a_holder_who_then_shows_as_before(as_practitioner, practitioner, holder):
    url = reverse("mental_capacity:holder_end", args=[holder.code])
    sent = {"ended_on_0": "1", "ended_on_1": "2", "ended_on_2": "2026"}
    response = as_practitioner.post(url, {**sent, "version": current_version(holder)})
    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.ended_on == datetime.date(2026, 2, 1)
    assert holder.history.first().history_user == practitioner
    page = as_practitioner.get(response.url).content.decode()
    assert "No attorney or deputy has been recorded" in page
    assert "Rowena Tregarthen, 4 March 2024 to 1 February 2026" in page
    again = as_practitioner.get(url)
    assert again.status_code == 302


def test_it_will_not_end_before_it_started(as_practitioner, holder):
    url = reverse("mental_capacity:holder_end", args=[holder.code])
    sent = {"ended_on_0": "3", "ended_on_1": "3", "ended_on_2": "2024"}
    response = as_practitioner.post(url, {**sent, "version": current_version(holder)})
    message = "Date it ended must be on or after the date it started (4 March 2024)"
    assert response.context["form"].errors["ended_on"] == [message]
    assert 'value="3"' in response.content.decode()
    holder.refresh_from_db()
    assert holder.ended_on is None


def test_a_change_cannot_start_it_after_it_ended(as_practitioner, practitioner, holder):
    holder.end(on=datetime.date(2025, 1, 1), by=practitioner)
    url = reverse("mental_capacity:holder_edit", args=[holder.code])
    sent = {**HOLDER, "since_2": "2025", "since_1": "6", "version": current_version(holder)}
    response = as_practitioner.post(url, sent)
    message = "Date it started must be on or before the date it ended (1 January 2025)"
    assert response.context["form"].errors["since"] == [message]
