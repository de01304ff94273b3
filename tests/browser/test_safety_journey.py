import re

from playwright.sync_api import expect

from accounts.models import Role
from jobs.worker import tasks_run_queued
from tests.factories import ConversationFactory, UserFactory, complete_conversation


def test_information_governance_answers_a_subject_access_request(
    sign_in, information_governance, person
):
    page = sign_in(information_governance)
    page.get_by_role("link", name="Access log", exact=True).click()
    page.get_by_label("Name or NHS number").fill(person.family_name)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile("everything held")).click()
    page.get_by_role("button", name="Continue").click()
    expect(
        page.get_by_text("Enter the reference of the subject access request").first
    ).to_be_visible()
    page.get_by_label("Reference of the subject access request").fill("SAR-2026-0142")
    page.get_by_role("button", name="Continue").click()
    expect(
        page.get_by_role("heading", name=f"Everything held about {person.display_name}")
    ).to_be_visible()
    expect(page.get_by_text("Subject access request SAR-2026-0142").first).to_be_visible()
    # The JSON file is prepared by a job (run here, in this process); its page links to it.
    page.get_by_role("link", name="Prepare everything as a JSON file").click()
    page.get_by_role("button", name="Prepare the JSON file").click()
    expect(page.get_by_role("heading", name="Preparing a subject access export")).to_be_visible()
    tasks_run_queued()
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="See the result").click()
    assert download.value.suggested_filename.startswith(f"subject-access-{person.code}-")
    page.goto(f"/people/{person.code}/subject-access/")
    page.get_by_role("link", name="Find a person").click()
    page.get_by_label("Name or NHS number").fill(person.family_name)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile("who has viewed")).click()
    expect(page.get_by_text("Subject access request SAR-2026-0142").first).to_be_visible()


def test_a_deputy_reviews_what_the_lead_wrote_part_of(
    sign_in, page, team_lead, practitioner, person, team, other_team
):
    deputy = UserFactory(full_name="Grace Mensah", teams=[other_team], roles=[Role.TEAM_LEAD])
    team.deputy_reviewers.add(deputy)
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner)
    )
    conversation.needs = "Cannot manage the bus since his stroke"
    conversation.save_by(team_lead)
    conversation.submit(by=practitioner)

    sign_in(team_lead)
    page.get_by_role("link", name="Records to review").click()
    page.get_by_role("link", name=re.compile(f"{person.display_name}.*review the record")).click()
    expect(page.get_by_text("You wrote or changed part of this record")).to_be_visible()
    expect(page.get_by_text("Who can review it: Grace Mensah.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(deputy)
    page.get_by_role("link", name="Records to review").click()
    page.get_by_role("link", name=re.compile(f"{person.display_name}.*review the record")).click()
    page.get_by_label("Sign off the record").check()
    page.get_by_role("button", name="Confirm your decision").click()
    expect(page.get_by_text("is signed off")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.is_signed_off and conversation.reviewed_by == deputy


def test_an_administrator_sees_failed_sign_ins(sign_in, page, administrator, practitioner):
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(practitioner.email)
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Enter the email address and password").first).to_be_visible()
    sign_in(administrator)
    page.get_by_role("link", name="Failed sign-ins").first.click()
    expect(page.get_by_role("cell", name=practitioner.email)).to_be_visible()
