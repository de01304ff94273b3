"""The care and support plan (Care Act 2014 ss.24-25) after an eligible decision, its letter,
and its reviews (s.27): the first within the set number of weeks, then at least yearly."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import Conversation
from conversations.plans import review_due
from conversations.sections import sections_for
from history.forms import current_version
from people.models import Person
from tests.factories import ConversationFactory, PersonFactory, complete_conversation

TODAY = timezone.localdate()


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def send(client, conversation, slug, data):
    url = reverse("conversations:section", args=[conversation.code, slug])
    return client.post(url, {"version": current_version(conversation), **data})


def day(name: str, when: datetime.date) -> dict:
    return {f"{name}_0": str(when.day), f"{name}_1": str(when.month), f"{name}_2": str(when.year)}


def eligible(person, practitioner, **fields) -> Conversation:
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3)
    return complete_conversation(
        conversation,
        eligible="yes",
        eligibility_reasons="You cannot cook or wash without help",
        eligibility_decided_on=TODAY,
        **fields,
    )


def plan_answers(**more) -> dict:
    return {
        "plan_needs": "Cooking, and washing safely",
        "plan_by_network": "Derek shops on Saturdays",
        "plan_by_community": "Lunch at St Mark's on Tuesdays",
        "plan_funded": "A carer each morning for an hour, from Bridge Care",
        "plan_budget": "245.50",
        "plan_contribution": "40",
        "plan_direct_payment": "yes",
        "plan_payment_amount": "982",
        "plan_payment_every": "four_weeks",
        "plan_involved": "Maggie, her son Derek, and me",
        "plan_agreement": "agreed",
        **day("plan_starts_on", TODAY),
        **day("plan_review_date", TODAY + datetime.timedelta(weeks=6)),
        **more,
    }


def test_a_plan_follows_an_eligible_decision_only(person, practitioner):
    decided = eligible(person, practitioner)
    assert "plan" in [s.slug for s in sections_for(decided)]
    decided.eligible = "no"
    assert "plan" not in [s.slug for s in sections_for(decided)]


def test_a_plan_is_recorded_with_its_money_and_first_review(signed_in, person, practitioner):
    conversation = eligible(person, practitioner)
    assert send(signed_in, conversation, "plan", plan_answers()).status_code == 302
    conversation.refresh_from_db()
    assert str(conversation.plan_budget) == "245.50"
    assert conversation.plan_review_date == TODAY + datetime.timedelta(weeks=6)
    page = signed_in.get(reverse("conversations:detail", args=[conversation.code])).content
    assert b"Derek shops on Saturdays" in page and b"Every 4 weeks" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"plan_review_date_0": ""}, "When will it first be reviewed"),
        (
            day("plan_review_date", TODAY + datetime.timedelta(weeks=9)),
            "The first review must be within 8 weeks of the plan starting",
        ),
        (day("plan_review_date", TODAY), "The first review must be after the plan starts"),
        ({"plan_contribution": "300"}, "cannot be more than their personal budget"),
        ({"plan_budget": "lots"}, "must be an amount in pounds, like 245.50"),
        ({"plan_budget": "-5"}, "must be 0 or more"),
        ({"plan_budget": "12.345"}, "no more than 2 decimal places"),
        ({"plan_payment_amount": ""}, "Enter the direct payment, in pounds"),
        ({"plan_agreement": "not_agreed"}, "Enter what they did not agree with, and why"),
        (
            {"plan_by_network": "", "plan_by_community": "", "plan_funded": ""},
            "Enter how their needs will be met",
        ),
        ({"plan_needs": ""}, "Enter which of their needs the plan will meet"),
        ({"plan_contribution": ""}, "Enter what they will pay towards it: 0 if nothing"),
    ],
)
def test_a_plan_without_what_it_needs_is_refused_and_the_typing_kept(
    signed_in, person, practitioner, changes, message
):
    conversation = eligible(person, practitioner)
    response = send(signed_in, conversation, "plan", plan_answers(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert "Maggie, her son Derek, and me" in page
    conversation.refresh_from_db()
    assert conversation.plan_review_date is None and conversation.plan_needs == ""


def test_the_first_review_follows_the_setting(signed_in, person, practitioner, settings):
    settings.PLAN_FIRST_REVIEW_WEEKS = 4
    conversation = eligible(person, practitioner)
    page = send(signed_in, conversation, "plan", plan_answers()).content.decode()
    assert "The first review must be within 4 weeks of the plan starting" in page


def test_the_plan_letter_says_how_needs_are_met_and_the_money(signed_in, person, practitioner):
    conversation = eligible(person, practitioner)
    send(signed_in, conversation, "plan", plan_answers())
    page = signed_in.get(reverse("own_copy:plan_letter", args=[conversation.code])).content
    text = page.decode()
    assert "Your care and support plan" in text
    assert "Derek shops on Saturdays" in text and "Lunch at St Mark" in text
    assert "Your personal budget is \u00a3245.50 a week" in text
    assert "You will pay \u00a340.00 a week" in text
    assert "we will pay you \u00a3982.00 every 4 weeks" in text
    assert "You told us you agree with this plan" in text
    when = (TODAY + datetime.timedelta(weeks=6)).strftime("%-d %B %Y")
    assert f"review your plan with you by {when}" in text
    assert "Local Government and Social Care Ombudsman" in text


def signed_off(conversation, practitioner, lead) -> Conversation:
    conversation.submit(by=practitioner)
    conversation.sign_off(by=lead)
    return conversation


def due_of(person) -> datetime.date | None:
    return Person.objects.annotate(due=review_due()).get(pk=person.pk).due


def test_the_review_due_is_read_from_the_latest_signed_off_plan_or_review(
    person, practitioner, team_lead
):
    first = TODAY + datetime.timedelta(weeks=8)
    plan = eligible(person, practitioner, plan_review_date=first, plan_starts_on=TODAY)
    assert due_of(person) is None  # a draft sets nothing
    signed_off(plan, practitioner, team_lead)
    assert due_of(person) == first
    review = ConversationFactory(person=person, practitioner=practitioner, kind="review")
    next_year = TODAY + datetime.timedelta(days=360)
    complete_conversation(
        review,
        review_what_worked="The mornings work",
        review_plan="continues",
        review_next_date=next_year,
    )
    assert due_of(person) == first
    signed_off(review, practitioner, team_lead)
    review.refresh_from_db()
    assert review.review_was_due == first  # the review answered the date that was due
    assert due_of(person) == next_year
    ending = ConversationFactory(person=person, practitioner=practitioner, kind="review")
    complete_conversation(ending, review_what_worked="All fine now", review_plan="ends")
    signed_off(ending, practitioner, team_lead)
    assert due_of(person) is None


def test_a_review_looks_back_at_the_plan(signed_in, person, practitioner, team_lead):
    plan = eligible(
        person,
        practitioner,
        plan_needs="Cooking safely",
        plan_review_date=TODAY + datetime.timedelta(weeks=8),
        plan_starts_on=TODAY,
    )
    signed_off(plan, practitioner, team_lead)
    review = ConversationFactory(
        person=person, practitioner=practitioner, kind="review", date=TODAY
    )
    url = reverse("conversations:section", args=[review.code, "looking-back"])
    page = signed_in.get(url).content.decode()
    assert "The plan you are reviewing" in page and "Cooking safely" in page
    too_late = TODAY + datetime.timedelta(days=400)
    data = {
        "review_what_worked": "Mornings work",
        "review_plan": "continues",
        **day("review_next_date", too_late),
    }
    page = send(signed_in, review, "looking-back", data).content.decode()
    assert "The next review must be within 12 months of this one" in page
    data = {"review_what_worked": "Mornings work", "review_plan": "continues"}
    page = send(signed_in, review, "looking-back", data).content.decode()
    assert "Enter when the plan will next be reviewed" in page
    data = {"review_what_worked": "Mornings work", "review_plan": "ends"}
    assert send(signed_in, review, "looking-back", data).status_code == 302
    review.refresh_from_db()
    assert review.review_plan == "ends" and review.review_next_date is None


def test_a_review_that_changes_the_plan_records_the_new_plan(person, practitioner):
    review = ConversationFactory(person=person, practitioner=practitioner, kind="review")
    assert "plan" not in [s.slug for s in sections_for(review)]
    review.review_plan = "changes"
    assert "plan" in [s.slug for s in sections_for(review)]


def test_starting_a_review_from_a_link_chooses_its_kind(signed_in, person):
    url = reverse("conversations:start", args=[person.code]) + "?kind=review"
    page = signed_in.get(url).content.decode()
    assert re.search(r'value="review"\s+checked', page)
    assert not re.search(r'value="one_to_one"\s+checked', page)


def planned(person, practitioner, lead, review_on: datetime.date) -> Conversation:
    plan = eligible(person, practitioner, plan_starts_on=TODAY, plan_review_date=review_on)
    return signed_off(plan, practitioner, lead)


def test_reviews_due_and_overdue_are_on_the_practitioners_home(
    signed_in, team, practitioner, team_lead
):
    soon = PersonFactory(team=team, practitioner=practitioner, given_names="Rose")
    late = PersonFactory(team=team, practitioner=practitioner, given_names="Frank")
    later = PersonFactory(team=team, practitioner=practitioner, given_names="Lily")
    planned(soon, practitioner, team_lead, TODAY + datetime.timedelta(days=10))
    planned(late, practitioner, team_lead, TODAY - datetime.timedelta(days=3))
    planned(later, practitioner, team_lead, TODAY + datetime.timedelta(days=40))
    page = signed_in.get(reverse("home")).content.decode()
    reviews = page[page.index("Reviews due") : page.index("People I work with")]
    assert "Rose" in reviews and "Frank" in reviews and "Lily" not in reviews
    assert reviews.index("Frank") < reviews.index("Rose")  # soonest first
    assert reviews.count("Overdue") == 1
    start = reverse("conversations:start", args=[late.code]) + "?kind=review"
    assert start in reviews


def test_reviews_due_are_on_the_leads_caseload(client, team, practitioner, team_lead):
    late = PersonFactory(team=team, practitioner=practitioner, given_names="Frank")
    planned(late, practitioner, team_lead, TODAY - datetime.timedelta(days=3))
    client.force_login(team_lead)
    response = client.get(reverse("caseload:caseload"))
    page = response.content.decode()
    reviews = page[page.index('<h2 class="govuk-heading-m">Reviews due') :]
    assert "Frank" in reviews and "Overdue" in reviews and str(practitioner) in reviews
    load = next(load for load in response.context["loads"] if load.practitioner == practitioner)
    assert load.reviews_overdue == 1


def test_no_review_is_due_for_a_practitioner_with_no_plans(signed_in):
    page = signed_in.get(reverse("home")).content.decode()
    assert "No plan of yours is due for review in the next 14 days" in page


def test_a_plan_letter_leaves_out_what_was_not_written(signed_in, person, practitioner):
    conversation = eligible(
        person,
        practitioner,
        plan_needs="Cooking",
        plan_funded="A carer each morning",
        plan_starts_on=TODAY,
        plan_review_date=TODAY + datetime.timedelta(weeks=4),
    )
    page = signed_in.get(reverse("own_copy:plan_letter", args=[conversation.code])).content
    text = page.decode()
    assert "Support we pay for" in text and "A carer each morning" in text
    assert "The people around you" not in text  # nothing written for the network
    assert "Who helped make this plan" not in text
