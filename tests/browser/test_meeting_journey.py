"""Who came to a network meeting, in a browser: found by name, ticked, what they offered
typed and saved as it is typed; axe checks every page on the way."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from networks.models import MeetingAttendance
from tests.factories import ConversationFactory, NetworkMemberFactory

from .test_no_lost_work import AUTOSAVE_PAUSE_MS


def test_a_practitioner_records_who_came_by_finding_them(sign_in, page, practitioner, person):
    meeting = ConversationFactory(
        person=person, practitioner=practitioner, kind="network_meeting", date=timezone.localdate()
    )
    meeting.save_by(practitioner)
    NetworkMemberFactory(person=person, name="Pat Hughes", relationship="neighbour")
    NetworkMemberFactory(person=person, name="Jo Doyle")
    page.clock.install()  # the autosave's pause is moved on by the test, not waited for
    page = sign_in(practitioner)
    page.goto(f"/conversations/{meeting.code}/sections/network-meeting/")
    expect(page.get_by_text("No one is recorded as having come yet.")).to_be_visible()
    page.get_by_label("Add someone who came").fill("pat")
    page.keyboard.press("Enter")
    page.get_by_label("Pat Hughes").check()
    page.get_by_role("button", name="Add to who came").click()
    expect(page.get_by_text("Recorded as coming: Pat Hughes")).to_be_visible()
    offered = page.get_by_role("group", name="Pat Hughes (neighbour)").get_by_label(
        "What they offered"
    )
    with page.expect_response(lambda response: response.request.headers.get("x-autosave")) as saved:
        offered.fill("Lifts to the allotment")
        page.clock.run_for(AUTOSAVE_PAUSE_MS)
    assert saved.value.status == 200
    expect(page.get_by_text("Draft saved at")).to_be_visible()
    assert MeetingAttendance.objects.get().offered == "Lifts to the allotment"
    offered.fill("Lifts to the allotment, on Tuesdays")
    page.get_by_role("group", name="Pat Hughes (neighbour)").get_by_label(
        f"What {person.display_name} offers them back"
    ).fill("Minds Pat's dog on Fridays")
    page.get_by_role("button", name="Save and continue").click()
    assert MeetingAttendance.objects.get().offered == "Lifts to the allotment, on Tuesdays"

    # The meeting itself: the person's question, private time, the family's own plan.
    expect(page.get_by_role("heading", name="The meeting and the family's plan")).to_be_visible()
    page.get_by_label("Who convened it?").fill("Ann, an independent coordinator")
    page.get_by_label("What did they ask of their network?").fill("Help me keep my allotment")
    page.get_by_label("Yes: the professionals left").check()
    page.get_by_label("The family's own plan").fill("Pat drives on Tuesdays")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="What matters to them")).to_be_visible()

    # What each offered, and what the person offers back, are on the tie and the ecomap.
    page.goto(f"/people/{person.code}/network/")
    table = page.get_by_role("table", name="Who is in the network")
    pat = table.get_by_role("row", name="Pat Hughes")
    expect(pat).to_contain_text("Lifts to the allotment, on Tuesdays")
    expect(pat).to_contain_text("Minds Pat's dog on Fridays")
    ecomap = page.get_by_role("img", name=f"Ecomap of {person.display_name}'s network")
    # Support now flows both ways on Pat's line: an arrow at each end.
    pats_line = ecomap.locator("g").filter(has=page.locator("title", has_text="Pat Hughes"))
    expect(pats_line.locator("path").first).to_have_attribute("marker-start", re.compile("arrow"))
    expect(pats_line.locator("path").first).to_have_attribute("marker-end", re.compile("arrow"))
