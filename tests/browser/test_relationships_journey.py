"""The network and the community inside a conversation, in a browser: someone new joins
their network, a tie grows closer, both are on the network at once, and the person is
connected to a resource as a volunteer; axe checks every page on the way."""

from django.utils import timezone
from playwright.sync_api import expect

from community.models import Connection
from conversations.models import TieTalkedAbout
from networks.models import NetworkMember
from tests.factories import CommunityResourceFactory, ConversationFactory, NetworkMemberFactory


def test_a_practitioner_talks_about_their_network_within_the_conversation(
    sign_in, practitioner, person
):
    conversation = ConversationFactory(
        person=person, practitioner=practitioner, date=timezone.localdate()
    )
    NetworkMemberFactory(
        person=person, name="Pat Hughes", relationship="neighbour", closeness="tenuous"
    )
    CommunityResourceFactory(name="Hyde Park repair cafe")
    page = sign_in(practitioner)
    page.goto(f"/conversations/{conversation.code}/tasks/")
    page.get_by_role("link", name="Relationships").click()
    expect(page.get_by_text("No one yet.")).to_be_visible()

    page.get_by_role("link", name="Add someone to their network").click()
    page.get_by_label("Their name").fill("Ravi Patel")
    page.get_by_label("Friend", exact=True).check()
    page.get_by_label("Moderate", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Ravi Patel has been added to their network")).to_be_visible()
    talked_about = page.locator("dl.govuk-summary-list").first
    expect(talked_about).to_contain_text("Joined their network in this conversation")

    page.get_by_role("link", name="Note what was said about Pat Hughes").click()
    page.get_by_label("What helps the relationship?").fill("Pat drives her to the allotment")
    page.get_by_label("Closer", exact=True).check()
    page.get_by_role("button", name="Save and go back to relationships").click()
    expect(talked_about).to_contain_text("What helps: Pat drives her to the allotment")

    page.get_by_label("What gets in the way of people supporting each other?").fill("Distance")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Community", exact=True)).to_be_visible()

    # The community, in the same conversation: found in the directory, connected as a volunteer.
    page.get_by_label("Search the community directory").fill("repair")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Hyde Park repair cafe").click()
    page.get_by_label("Introduced").check()
    page.get_by_label("Contributes as a volunteer").check()
    page.get_by_role("button", name="Save the connection").click()
    expect(page.get_by_text("Connected in this conversation")).to_be_visible()
    connection = Connection.objects.get()
    assert (connection.person, connection.role) == (person, "volunteer")

    assert NetworkMember.objects.get(name="Pat Hughes").closeness == "moderate"
    assert TieTalkedAbout.objects.count() == 2
    page.goto(f"/people/{person.code}/network/")
    table = page.get_by_role("table", name="Who is in the network")
    expect(table.get_by_role("row", name="Pat Hughes")).to_contain_text("Moderate")
    expect(table.get_by_role("row", name="Ravi Patel")).to_be_visible()
