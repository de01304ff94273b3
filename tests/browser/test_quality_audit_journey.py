import datetime

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from quality_audit.models import RecordAudit
from tests.factories import ConversationFactory, complete_conversation


def test_the_principal_social_worker_draws_a_sample_audits_a_record_and_sees_the_results(
    sign_in, principal_social_worker, person, monkeypatch
):
    # Today is 28 November 2026, as the tests' dates go: last month is October.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 11, 28))
    record = ConversationFactory(
        person=person,
        practitioner=person.practitioner,
        status="signed_off",
        signed_off_at=datetime.datetime(2026, 10, 15, 12, tzinfo=datetime.UTC),
    )
    complete_conversation(record)
    page = sign_in(principal_social_worker)
    page.clock.install()  # the autosave's pause is moved on by the test, not waited for
    page.get_by_role("link", name="Quality audit").click()
    expect(page.get_by_text("No month's sample has been drawn yet")).to_be_visible()
    page.get_by_role("link", name="Draw a month's sample").click()
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the month to draw a sample for")

    # The keyboard alone chooses the month and draws.
    page.get_by_label("October 2026: 1 record signed off").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Draw the sample").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 record drawn for October 2026")).to_be_visible()
    page.get_by_role("link", name="One-to-one, signed off 15 October 2026").click()
    expect(page.get_by_text("Getting back to the allotment")).to_be_visible()

    # Every question answered with the keyboard but the first, which it leaves for now.
    questions = [question for _, question in settings.QUALITY_AUDIT_RUBRIC]
    for question in questions[1:]:
        page.get_by_role("group", name=question).get_by_label("Yes").focus()
        page.keyboard.press("Space")
    page.get_by_label(f"Comment on \u201c{questions[0]}\u201d (optional)").focus()
    page.keyboard.type("Mostly her daughter's words")
    page.get_by_role("button", name="Save the audit").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Select Yes, Partly or No")
    expect(page.get_by_label(f"Comment on \u201c{questions[0]}\u201d (optional)")).to_have_value(
        "Mostly her daughter's words"
    )
    page.get_by_role("group", name=questions[0]).get_by_label("Partly").focus()
    page.keyboard.press("Space")
    page.get_by_role("checkbox", name="Their own words").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save the audit").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("The audit has been saved")).to_be_visible()
    expect(page.get_by_text("Audited", exact=True)).to_be_visible()
    audit = RecordAudit.objects.get()
    assert audit.audited_by == principal_social_worker and audit.themes == ["own_words"]

    page.get_by_role("link", name="Results over time").click()
    # Yes, Partly and No for the first question; Yes for the rest.
    voice = page.get_by_role("table", name=questions[0]).get_by_role("row", name="October 2026")
    expect(voice.get_by_role("cell")).to_have_text(["0", "1", "0"])
    agreed = page.get_by_role("table", name=questions[-1]).get_by_role("row", name="October 2026")
    expect(agreed.get_by_role("cell")).to_have_text(["1", "0", "0"])
    themes = page.get_by_role("table", name="Themes named in audits, by month")
    expect(themes.get_by_role("row", name="October 2026")).to_contain_text("Their own words")
