"""Who came to a network meeting, in a browser: found by name, ticked, what they offered
typed and saved as it is typed; axe checks every page on the way."""

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
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="What matters to them")).to_be_visible()
    assert MeetingAttendance.objects.get().offered == "Lifts to the allotment, on Tuesdays"
