import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import NetworkMemberFactory


def test_a_practitioner_compares_the_network_on_two_dates(sign_in, practitioner, person):
    today = timezone.localdate()
    person.first_contact_date = today - datetime.timedelta(days=30)
    person.save()
    pat = NetworkMemberFactory(person=person, name="Pat Hughes", closeness="moderate")
    pat.history.update(history_date=timezone.now() - datetime.timedelta(days=60))
    pat.closeness = "strong"
    pat.save()

    page = sign_in(practitioner)
    page.goto(f"/people/{person.code}/network/")
    page.get_by_role("link", name="Compare the network on two dates").click()
    stronger = page.get_by_role("table", name="Ties that grew stronger")
    expect(stronger.get_by_role("row", name="Pat Hughes")).to_contain_text("Moderate")
    expect(stronger.get_by_role("row", name="Pat Hughes")).to_contain_text("Strong")
    now = page.get_by_role("img", name=f"on {today.day} {today:%B %Y}")
    expect(now).to_contain_text("↑ Pat Hughes")

    # On the narrowest screen the page does not scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.locator("html")).to_have_js_property("scrollWidth", 320)

    page.get_by_role("group", name="First date").get_by_label("Year").fill("1999")
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_title(re.compile(r"^Error: Compare their network"))
    message = "First date must be on or after 1 January 2000"
    expect(page.get_by_role("link", name=message)).to_be_visible()
    expect(page.get_by_role("group", name="First date")).to_contain_text(message)
