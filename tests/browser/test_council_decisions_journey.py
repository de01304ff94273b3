"""A person taken through conversation 3 to an eligibility decision and a plan, their letters
read on screen; a carer in their network offered a conversation of their own; and the plan's
first review started from the practitioner's home page."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from conversations.models import Conversation
from tests.factories import NetworkMemberFactory, PersonFactory

TODAY = timezone.localdate()


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Save and continue").click()


def fill_date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_decision_a_plan_their_letters_a_carer_and_a_review(
    sign_in, practitioner, team_lead, person
):
    frank = PersonFactory(team=person.team, practitioner=practitioner, given_names="Frank")
    NetworkMemberFactory(
        person=person,
        name="Frank",
        relationship="partner",
        linked_person=frank,
        unpaid_carer=True,
        created_by=practitioner,
    )
    page = sign_in(practitioner)
    page.get_by_role("link", name=person.display_name).click()
    page.get_by_role("link", name="Start a conversation").click()
    page.get_by_label("Home visit").check()
    page.get_by_label("3: Build a good life").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Funded support: the eligibility decision").click()
    expect(page.get_by_text("Decide as if no carer were helping them")).to_be_visible()
    page.get_by_role("group", name="Do their needs arise from").get_by_label("Yes").check()
    nutrition = page.get_by_role("group", name="Managing and maintaining nutrition")
    nutrition.get_by_label("(a) is unable to achieve it without assistance").check()
    page.get_by_label("What they said about managing and maintaining nutrition (optional)").fill(
        "I can't stand to cook"
    )
    # One outcome only: refused, with the typing kept.
    page.get_by_role("group", name="As a consequence").get_by_label("Yes").check()
    page.get_by_label("Physical and mental health and emotional well-being").check()
    page.get_by_role("group", name="Do their needs meet the eligibility criteria?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("Our reasons, in words they will understand").fill(
        "You cannot cook or wash safely without help"
    )
    page.get_by_label("They are ordinarily resident in our area").check()
    fill_date(page, "When was the decision made?", TODAY)
    save_and_continue(page)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("unable to achieve two or more outcomes")
    expect(
        page.get_by_label("What they said about managing and maintaining nutrition (optional)")
    ).to_have_value("I can't stand to cook")
    hygiene = page.get_by_role("group", name="Maintaining personal hygiene")
    hygiene.get_by_label("(b) is able to achieve it without assistance but doing so causes").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", name="Their care and support plan")).to_be_visible()
    page.get_by_label("Which of their needs will the plan meet?").fill("Cooking and washing")
    page.get_by_label("What will people in their network do?").fill("Frank makes tea")
    page.get_by_label("What funded support will there be?").fill("A care worker each morning")
    page.get_by_label("Their personal budget, in pounds a week").fill("168")
    page.get_by_label("What they will pay towards it, in pounds a week").fill("25")
    page.get_by_role("group", name="Have they chosen a direct payment?").get_by_label("No").check()
    page.get_by_label("Who was involved in making the plan?").fill("Her, Frank and me")
    page.get_by_label("They agreed with it").check()
    fill_date(page, "When does the plan start?", TODAY)
    fill_date(page, "When will it first be reviewed?", TODAY + datetime.timedelta(weeks=6))
    save_and_continue(page)

    conversation = Conversation.objects.get(person=person)
    assert conversation.eligible == "yes" and conversation.plan_budget == 168
    page.goto(page.url.split("/conversations/")[0] + f"/conversations/{conversation.code}/")
    page.get_by_role("link", name="A draft of their letter: our decision about care").click()
    expect(page.get_by_role("heading", name="Our decision about care and support")).to_be_visible()
    expect(page.get_by_text("A team leader has not checked this decision yet")).to_be_visible()
    expect(page.get_by_text("Local Government and Social Care Ombudsman")).to_be_visible()
    page.get_by_role("link", name="Back to the record").click()
    page.get_by_role("link", name="A draft of their letter: their care and support plan").click()
    expect(page.get_by_text("Your personal budget is \u00a3168.00 a week")).to_be_visible()
    page.get_by_role("link", name="Back to the record").click()

    # The carer in her network: offered a conversation of his own, which he takes up.
    page.get_by_role("link", name=f"Back to {person.display_name}").click()
    page.get_by_role("link", name="Offer Frank a carer\u2019s conversation").click()
    fill_date(page, "When was it offered?", TODAY)
    page.get_by_label("They would like one").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Start Frank\u2019s carer\u2019s conversation").click()
    expect(page.get_by_text(f"A conversation with {frank.display_name} about")).to_be_visible()
    page.get_by_label("Home visit").check()
    page.get_by_label("1: Listen and connect").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Caring, and their own life").click()
    page.get_by_role("group", name="Are they able to go on caring?").get_by_label(
        "Yes, in part"
    ).check()
    page.get_by_role("group", name="Are they willing to go on caring?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_label("How does caring affect their wellbeing?").fill("Tired; my back hurts")
    save_and_continue(page)
    carers = Conversation.objects.get(person=frank)
    assert carers.kind == "carers" and carers.cares_for == person

    # Her plan signed off, its first review is due: started from the home page.
    conversation.refresh_from_db()
    conversation.plan_review_date = TODAY + datetime.timedelta(days=3)
    conversation.status = Conversation.Status.SIGNED_OFF
    conversation.signed_off_at = timezone.now()
    conversation.save()
    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name=f"Start a review with {person.display_name}").click()
    page.get_by_label("Phone").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Looking back at their plan").click()
    expect(page.get_by_role("heading", name="The plan you are reviewing")).to_be_visible()
    page.get_by_label("What has worked, and what has not?").fill("Mornings work well")
    page.get_by_label("The plan continues as it is").check()
    fill_date(page, "When will it next be reviewed?", TODAY + datetime.timedelta(days=300))
    save_and_continue(page)
    review = Conversation.objects.get(person=person, kind="review")
    assert review.review_plan == "continues"
