"""A practitioner records who may decide for the person, sees them on the person's page, and
records a capacity assessment with a decision made in the person's best interests."""

from playwright.sync_api import expect

from mental_capacity.models import CapacityAssessment, DecisionMaker

from .test_no_lost_work import AUTOSAVE_PAUSE_MS, autosaved
from .test_people_journey import fill_date


def answer(page, question: str, choice: str) -> None:
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def test_a_practitioner_records_an_attorney_and_a_best_interests_decision(
    sign_in, practitioner, person
):
    page = sign_in(practitioner)
    page.clock.install()  # the autosave's pause is moved on by the test, not waited for
    page.goto(f"/people/{person.code}/")
    expect(page.get_by_text("No attorney or deputy has been recorded")).to_be_visible()
    page.get_by_role("link", name="Add an attorney or deputy").click()

    # The keyboard alone chooses the kind of power and sends the form.
    page.get_by_label("Lasting power of attorney for property and financial affairs").focus()
    page.keyboard.press("Space")
    page.get_by_label("Who holds it?").fill("Kasimir Wojcik")
    page.get_by_label("How to contact them (optional)").fill("His nephew: 07700 900 418")
    fill_date(page, "Date it started", "15", "5", "2099")
    page.get_by_role("group", name="Date it started").get_by_label("Year").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(
        "Date it started must be today or in the past"
    )
    expect(page.get_by_label("Who holds it?")).to_have_value("Kasimir Wojcik")
    page.get_by_role("group", name="Date it started").get_by_label("Year").fill("2023")
    answer(page, "Has it been checked? (optional)", "Yes")
    page.get_by_role("button", name="Save").click()

    section = page.locator("dl", has_text="Lasting power of attorney for property")
    expect(section).to_contain_text("Kasimir Wojcik, since 15 May 2023")
    assert DecisionMaker.objects.get().created_by == practitioner

    page.get_by_role("link", name="Mental capacity assessments").click()
    page.get_by_role("link", name="Record a capacity assessment").click()
    page.get_by_label("What is the decision?").fill("Whether to sell the flat")
    answer(page, "Is something affecting how their mind or brain works?", "Yes")
    answer(page, "Can they understand the information about the decision?", "Yes, they can")
    answer(
        page,
        "Can they remember the information long enough to make the decision?",
        "No, they cannot",
    )
    page.get_by_label("What showed whether they remember it? (optional)").fill(
        "Did not remember our talk the next morning"
    )
    answer(
        page, "Can they use or weigh up the information to make the decision?", "No, they cannot"
    )
    answer(page, "Can they communicate their decision?", "Yes, they can")
    page.get_by_label("Lacks capacity for this decision").check()
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter what was decided in their best interests"
    )
    expect(page.get_by_label("What is the decision?")).to_have_value("Whether to sell the flat")

    page.get_by_label("What was decided in their best interests?").fill("Keep the flat for now")
    page.get_by_label("Who was consulted?").fill("Kasimir Wojcik, his attorney")
    page.get_by_label("What are their own wishes and feelings? (optional)").fill("Loves the view")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capacity assessment")
    expect(page.get_by_text("Lacks capacity for this decision")).to_be_visible()
    expect(page.get_by_text("Keep the flat for now")).to_be_visible()

    # A change saves itself while the practitioner types.
    page.get_by_role("link", name="Change the assessment").click()
    with autosaved(page) as saved:
        page.get_by_label("Who was consulted?").fill("Kasimir Wojcik and their GP")
        page.clock.run_for(AUTOSAVE_PAUSE_MS)
    assert saved.value.status == 200
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    assessment = CapacityAssessment.objects.get()
    assert (assessment.assessed_by, assessment.consulted) == (
        practitioner,
        "Kasimir Wojcik and their GP",
    )
    assert assessment.unable_to() == ["retains", "uses_or_weighs"]
