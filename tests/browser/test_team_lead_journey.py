import re

from playwright.sync_api import expect

from conversations.models import Conversation
from tests.factories import ConversationFactory, PersonFactory, complete_conversation


def submitted(person, practitioner) -> Conversation:
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner)
    )
    conversation.submit(by=practitioner)
    return conversation


def test_a_lead_signs_off_one_record_and_returns_another(
    sign_in, team_lead, practitioner, person, team
):
    first = submitted(person, practitioner)
    other = PersonFactory(
        team=team, practitioner=practitioner, preferred_name="Stan", given_names="Stan"
    )
    second = submitted(other, practitioner)

    page = sign_in(team_lead)
    page.get_by_role("link", name="Records to review").click()
    page.get_by_role("link", name=re.compile(f"{person.display_name}.*review the record")).click()
    page.get_by_label("Sign off the record").check()
    page.get_by_role("button", name="Confirm your decision").click()
    expect(page.get_by_text("is signed off")).to_be_visible()

    page.get_by_role("link", name="Stan").click()
    page.get_by_label("Return it to the practitioner to change").check()
    page.get_by_role("button", name="Confirm your decision").click()
    expect(
        page.get_by_text("Enter a comment saying what the practitioner should change").first
    ).to_be_visible()
    page.get_by_label("Return it to the practitioner to change").check()
    page.get_by_label("Comment").fill("Please add what Stan's neighbour offered")
    page.get_by_role("button", name="Confirm your decision").click()
    expect(page.get_by_text("Nothing is waiting for review.")).to_be_visible()

    page.get_by_role("link", name="People our team works with").click()
    expect(page.get_by_role("row", name=f"{practitioner.full_name} 2 1 1 0 0")).to_be_visible()
    page.get_by_role("link", name="Service measures").click()
    expect(page.get_by_role("heading", name="Conversations by stage")).to_be_visible()
    page.get_by_role("link", name="Supervision").click()
    page.get_by_role("link", name=practitioner.full_name).click()
    page.get_by_role("link", name="Add a note of supervision").click()
    page.get_by_label("How did the person direct the conversation?").fill("Stan chose where we met")
    page.get_by_label("Power to: the person decided, with our help").check()
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Stan chose where we met")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_signed_off and second.was_returned
    sign_in(practitioner)
    expect(page.get_by_text("Please add what Stan's neighbour offered")).to_be_visible()
    expect(page.get_by_text("Returned", exact=True)).to_be_visible()
