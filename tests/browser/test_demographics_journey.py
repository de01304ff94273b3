"""A practitioner records a person's ethnicity, sex, gender and primary support reason from
the keyboard alone, is told plainly what is wrong, and finds the answers on their own page."""

from playwright.sync_api import expect

from demographics.models import Demographics


def choose(page, question: str, choice: str) -> None:
    """Chooses a radio from the keyboard: focus the option, then press Space."""
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).focus()
    page.keyboard.press("Space")


def test_a_practitioner_records_their_answers_for_the_returns(sign_in, practitioner, person):
    page = sign_in(practitioner)
    page.goto(f"/people/{person.code}/")
    page.get_by_role("link", name="Ethnicity, sex, gender and support reason").click()
    expect(page.get_by_text("they may decline to answer any of them")).to_be_visible()
    page.get_by_role("link", name="Record their answers").click()

    page.get_by_label("What is their ethnic group?").select_option(label="Other ethnic group: Arab")
    choose(page, "What is their sex?", "Female")
    choose(
        page, "Is the gender they identify with the same as their sex registered at birth?", "Yes"
    )
    page.get_by_label("If not, the term they use to describe their gender").fill("Woman")
    page.get_by_label("If not, the term they use to describe their gender").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Leave the term blank unless")
    expect(page.get_by_label("What is their ethnic group?")).to_have_value("other_arab")

    choose(
        page, "Is the gender they identify with the same as their sex registered at birth?", "No"
    )
    page.get_by_label("What is the main reason they need support?").select_option(
        label="Prefers not to say"
    )
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Their answers have been saved")).to_be_visible()
    expect(page.get_by_text("Other ethnic group: Arab")).to_be_visible()
    answers = Demographics.objects.get(person=person)
    assert (answers.gender_same_as_sex, answers.gender_identity) == ("no", "Woman")
    assert answers.primary_support_reason == "prefers_not_to_say"
