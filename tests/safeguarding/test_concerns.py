import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from history.forms import current_version
from safeguarding.models import SafeguardingConcern
from tests.factories import SafeguardingConcernFactory

TODAY = timezone.localdate()
CONCERN = {
    "raised_on_0": "4",
    "raised_on_1": "11",
    "raised_on_2": "2026",
    "what": "Bruising on both arms; she says her grandson pushes her",
    "who_told": "The safeguarding adults team, by phone on 4 November",
    "has_care_needs": "yes",
    "abuse_or_neglect": "yes",
    "unable_to_protect": "not_known",
    "decision": "not_decided",
    "decision_reasons": "",
    "desired_outcomes": "I want him to stop, but I do not want him in trouble",
    "substantial_difficulty": "no",
    "appropriate_person": "yes",
    "advocate": "not_needed",
    "advocate_name": "",
    "advocate_organisation": "",
    "what_happened_next": "",
}


def add_url(person) -> str:
    return reverse("safeguarding:add", args=[person.code])


def test_it_records_a_concern_and_who_raised_it(as_practitioner, person, practitioner):
    response = as_practitioner.post(add_url(person), CONCERN)
    concern = SafeguardingConcern.objects.get()
    assert response.url == reverse("safeguarding:detail", args=[concern.code])
    assert (concern.person, concern.raised_by) == (person, practitioner)
    assert concern.raised_on == datetime.date(2026, 11, 4) and concern.is_open
    assert concern.history.get().history_user == practitioner
    page = as_practitioner.get(response.url).content.decode()
    assert "she says her grandson pushes her" in page
    assert "I do not want him in trouble" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"what": ""}, "what", "Enter what the concern is"),
        ({"who_told": "  "}, "who_told", "Enter who was told"),
        ({"raised_on_2": "2099"}, "raised_on", "Date the concern was raised must be today or"),
        ({"raised_on_0": "31", "raised_on_1": "2"}, "raised_on", "must be a real date"),
        ({"has_care_needs": ""}, "has_care_needs", "Select yes, no or not yet known"),
        ({"abuse_or_neglect": "maybe"}, "abuse_or_neglect", "Select yes, no or not yet known"),
        ({"decision": "enquire"}, "decision_reasons", "Enter the reasons for the decision"),
        ({"decision": "no_enquiry"}, "decision_reasons", "Enter the reasons for the decision"),
        ({"advocate": "appointed"}, "advocate_name", "Enter the advocate's name"),
        ({"advocate": "appointed"}, "advocate_organisation", "Enter the advocate's organisation"),
        (
            {"substantial_difficulty": "yes", "appropriate_person": "no"},
            "advocate",
            "an independent advocate must be arranged (Care Act 2014, section 68)",
        ),
        ({"what": "x" * 5001}, "what", "must be 5000 characters or fewer"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_kept(
    as_practitioner, person, changes, field, message
):
    sent = {**CONCERN, **changes}
    response = as_practitioner.post(add_url(person), sent)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and page.count(escape(message)) == 2  # summary, field
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["form"]["desired_outcomes"].value() == CONCERN["desired_outcomes"]
    assert "I do not want him in trouble" in page
    assert not SafeguardingConcern.objects.exists()


def test_a_decision_with_reasons_and_an_appointed_advocate_are_saved(as_practitioner, person):
    sent = {
        **CONCERN,
        "decision": "enquire",
        "decision_reasons": "All three conditions are met",
        "substantial_difficulty": "yes",
        "appropriate_person": "no",
        "advocate": "appointed",
        "advocate_name": "Ottoline Brackenbury",
        "advocate_organisation": "Leeds Advocacy",
    }
    as_practitioner.post(add_url(person), sent)
    concern = SafeguardingConcern.objects.get()
    assert concern.decision == SafeguardingConcern.Decision.ENQUIRE
    assert (concern.advocate_name, concern.advocate_organisation) == (
        "Ottoline Brackenbury",
        "Leeds Advocacy",
    )
    assert concern.advocate_due


def test_it_changes_an_open_concern(as_practitioner, concern, practitioner):
    url = reverse("safeguarding:edit", args=[concern.code])
    sent = {**CONCERN, "version": current_version(concern), "what_happened_next": "Police told"}
    response = as_practitioner.post(url, sent)
    assert response.url == reverse("safeguarding:detail", args=[concern.code])
    concern.refresh_from_db()
    assert concern.what_happened_next == "Police told"
    assert concern.history.first().history_user == practitioner


def test_a_stale_change_is_refused_and_keeps_the_typing(as_practitioner, concern, team_lead):
    url = reverse("safeguarding:edit", args=[concern.code])
    opened = current_version(concern)
    concern.what_happened_next = "The lead rang the police"
    concern.save_by(team_lead)
    sent = {**CONCERN, "version": opened, "what_happened_next": "I rang her daughter"}
    page = as_practitioner.post(url, sent).content.decode()
    assert "Someone saved a change to this record after you opened this page" in page
    assert "I rang her daughter" in page
    concern.refresh_from_db()
    assert concern.what_happened_next == "The lead rang the police"


def test_it_autosaves_a_concern_being_changed(as_practitioner, concern):
    url = reverse("safeguarding:edit", args=[concern.code])
    sent = {**CONCERN, "version": current_version(concern), "desired_outcomes": "Feel safe"}
    response = as_practitioner.post(url, sent, headers={"X-Autosave": "1"})
    assert response.json() == {"version": current_version(concern)}
    concern.refresh_from_db()
    assert concern.desired_outcomes == "Feel safe"
    stale = as_practitioner.post(url, sent, headers={"X-Autosave": "1"})
    assert stale.status_code == 409


def test_it_closes_a_concern_which_then_cannot_be_changed(as_practitioner, concern):
    url = reverse("safeguarding:close", args=[concern.code])
    day = {"closed_on_0": str(TODAY.day), "closed_on_1": str(TODAY.month)}
    sent = {**day, "closed_on_2": str(TODAY.year), "closing_note": "Lodger has moved out"}
    response = as_practitioner.post(url, sent)
    assert response.url == reverse("safeguarding:detail", args=[concern.code])
    concern.refresh_from_db()
    assert (concern.closed_on, concern.closing_note) == (TODAY, "Lodger has moved out")
    edit = reverse("safeguarding:edit", args=[concern.code])
    version = current_version(concern)
    response = as_practitioner.post(edit, {**CONCERN, "version": version, "what": "Changed"})
    assert response.url == reverse("safeguarding:detail", args=[concern.code])
    concern.refresh_from_db()
    assert concern.what != "Changed"
    assert as_practitioner.get(edit, follow=True).context["messages"]


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ({"closing_note": ""}, "Enter why the concern is being closed"),
        (
            {"closed_on_0": "3", "closed_on_1": "11", "closed_on_2": "2026"},
            "Date closed must be on or after 4 November 2026",
        ),
    ],
)
def test_closing_needs_a_reason_and_a_date_after_it_was_raised(
    as_practitioner, concern, sent, message
):
    url = reverse("safeguarding:close", args=[concern.code])
    today = {"closed_on_0": "5", "closed_on_1": "11", "closed_on_2": "2026"}
    response = as_practitioner.post(url, {**today, "closing_note": "Safe now", **sent})
    assert message in response.content.decode()
    concern.refresh_from_db()
    assert concern.is_open


def test_the_list_shows_open_concerns_first(as_practitioner, person, practitioner, concern):
    SafeguardingConcernFactory(
        person=person,
        raised_by=practitioner,
        raised_on=datetime.date(2026, 11, 20),
        closed_on=datetime.date(2026, 11, 21),
        what="An older worry about the stairs",
    )
    response = as_practitioner.get(reverse("safeguarding:list", args=[person.code]))
    listed = [c.pk for c in response.context["page"].object_list]
    assert listed[0] == concern.pk and len(listed) == 2
