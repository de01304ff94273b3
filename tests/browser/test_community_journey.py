import json
import re

from playwright.sync_api import expect

from community.models import CommunityResource, Connection
from jobs.worker import tasks_run_queued
from tests.community.openreferral_data import SAMPLE, sample_services
from tests.factories import CommunityResourceFactory


def see_the_result(page):
    """The check or import is a job: its page says it waits; a worker runs it (here, in this
    process), and the page links to its report."""
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tasks_run_queued()
    page.reload()
    page.get_by_role("link", name="See the result").click()


def test_an_administrator_imports_and_verifies_and_a_practitioner_connects(
    sign_in, administrator, practitioner, person, tmp_path
):
    page = sign_in(administrator)
    page.get_by_role("link", name="Community directory").click()
    page.get_by_role("link", name="Import or export Open Referral UK data").click()

    broken = sample_services()
    broken[1]["status"] = "open"
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    page.get_by_label("Upload Open Referral UK data").set_input_files(tmp_path / "broken.json")
    page.get_by_label("Check the data and import it if nothing is wrong").check()
    page.get_by_role("button", name="Continue").click()
    see_the_result(page)
    expect(page.get_by_text("The data has 1 problem, so nothing was saved")).to_be_visible()
    expect(page.get_by_role("cell", name="status", exact=True)).to_be_visible()
    assert not CommunityResource.objects.exists()

    # Checked first; then imported from the files the check kept, without sending them again.
    page.goto("/community/open-referral/")
    page.get_by_label("Upload Open Referral UK data").set_input_files(SAMPLE)
    page.get_by_label("Check the data only: nothing is saved").check()
    page.get_by_role("button", name="Continue").click()
    see_the_result(page)
    expect(page.get_by_text("No problems found")).to_be_visible()
    expect(page.get_by_role("heading", name="What the directory does not keep")).to_be_visible()
    assert not CommunityResource.objects.exists()
    page.get_by_role("button", name="Import this data").click()
    see_the_result(page)
    expect(page.get_by_text("Imported 6 resources: 6 added")).to_be_visible()

    page.get_by_role("link", name="Freshness review").click()
    page.get_by_role("link", name="Change Kirkstall repair café").click()
    page.get_by_label("Opening times").fill("First Saturday of the month, 10am to 1pm")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Mark as checked today").click()
    expect(page.get_by_text("Checked today", exact=True)).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(practitioner)
    page.goto(f"/people/{person.code}/")
    page.get_by_role("link", name="Find a community resource to connect them with").click()
    page.get_by_label("Search").fill("repair")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"Connect {person.display_name}").click()
    page.get_by_label("Attending").check()
    page.get_by_label("Contributes as a volunteer").check()
    page.get_by_role("button", name="Save the connection").click()
    expect(page.get_by_role("link", name="Kirkstall repair café", exact=True)).to_be_visible()
    assert Connection.objects.get().status == "attending"

    page.get_by_role("link", name="See their network and ecomap").click()
    expect(page.locator("svg[role=img] rect")).to_have_count(1)
    page.get_by_role("link", name="Add a note about Kirkstall repair café").click()
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("The person gives").check()
    page.get_by_label("What happened?").fill("Mended three lamps for neighbours")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Mended three lamps for neighbours")).to_be_visible()


def test_a_practitioner_connects_someone_from_a_resource_page_as_a_volunteer(
    sign_in, practitioner, person
):
    resource = CommunityResourceFactory(
        name="Bramley food larder",
        ways_to_give=["volunteering", "giving"],
        how_to_give="Sorting tins on Tuesday mornings",
    )
    page = sign_in(practitioner)
    page.get_by_role("link", name="Community directory").click()
    page.get_by_role("link", name="Bramley food larder").click()
    expect(page.get_by_role("heading", name="How people can give here")).to_be_visible()
    expect(page.get_by_text("Sorting tins on Tuesday mornings")).to_be_visible()
    page.get_by_role("link", name="Connect someone").click()

    page.get_by_label("Search for a person").fill(person.family_name)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"Connect {person.display_name} to Bramley food larder").click()
    expect(page.get_by_role("heading", name="Connect to Bramley food larder")).to_be_visible()
    expect(page.get_by_text(person.display_name, exact=True)).to_be_visible()
    expect(page.get_by_label("Contributes as a volunteer")).not_to_be_checked()

    # Not saying how they take part is explained, with nothing typed lost.
    page.get_by_label("Introduced").check()
    page.get_by_label("Notes").fill("Met the organiser at the door")
    page.get_by_role("button", name="Save the connection").click()
    expect(page).to_have_title(re.compile("^Error: "))
    page.get_by_role("link", name="Select how they take part").click()
    expect(page.get_by_label("Receives support")).to_be_focused()
    expect(page.get_by_label("Notes")).to_have_value("Met the organiser at the door")
    assert not Connection.objects.exists()

    page.get_by_label("Contributes as a volunteer").check()
    page.get_by_role("button", name="Save the connection").click()
    expect(
        page.get_by_text(f"{person.display_name} is connected to Bramley food larder")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(f"/people/{person.code}/$"))
    connections = page.get_by_role("heading", name="Community connections").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(connections).to_contain_text(
        "Bramley food larder: introduced, contributes as a volunteer"
    )
    connection = Connection.objects.get()
    assert (connection.person, connection.resource, connection.role) == (
        person,
        resource,
        "volunteer",
    )


def test_a_practitioner_tells_us_a_refuge_has_changed_and_an_administrator_resolves_it(
    sign_in, practitioner, administrator
):
    refuge = CommunityResourceFactory(
        name="Harbour House refuge",
        address_line_1="14 Harbour Row",
        town="Leeds",
        postcode="LS7 9QX",
        address_confidential=True,
    )
    page = sign_in(practitioner)
    page.get_by_role("link", name="Community directory").click()
    page.get_by_role("link", name="Harbour House refuge").click()
    expect(page.get_by_text("Address given on introduction")).to_be_visible()
    expect(page.get_by_text("14 Harbour Row")).to_have_count(0)
    page.get_by_role("link", name="Tell us if this has changed").click()

    # Saying it is out of date without saying what changed is explained, nothing lost.
    page.get_by_label("Something here is out of date").check()
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_title(re.compile("^Error: "))
    page.get_by_role("link", name="Tell us what has changed").click()
    expect(page.get_by_label("What has changed?")).to_be_focused()
    page.keyboard.type("The referrals line is now 0113 496 0999")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The directory's administrators will check")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(administrator)
    page.goto("/community/review/")
    expect(page.get_by_role("heading", name="Reported by practitioners")).to_be_visible()
    expect(page.get_by_text("The referrals line is now 0113 496 0999")).to_be_visible()
    page.get_by_role("button", name="Mark as resolved for Harbour House refuge").click()
    expect(
        page.get_by_text("What was reported about Harbour House refuge is resolved")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Reported by practitioners")).to_have_count(0)
    page.goto(f"/community/{refuge.code}/")
    expect(page.get_by_text("14 Harbour Row")).to_be_visible()


def test_an_administrator_sets_out_opening_times_and_a_practitioner_reads_them(
    sign_in, practitioner, administrator
):
    baths = CommunityResourceFactory(name="Bramley Baths", opening_times="Closed on bank holidays")
    # What another directory published of it besides: a place, a price and a contact.
    baths.places.create(name="Bramley Park pool", address_line_1="Town Street", town="Leeds")
    baths.cost_options.create(option="Adults", amount=4)
    baths.contacts.create(name="Reception", title="Front desk")
    page = sign_in(administrator)
    page.get_by_role("link", name="Community directory").click()
    page.get_by_role("link", name="Bramley Baths").click()
    page.get_by_role("link", name="Set out the opening times, day by day").click()
    expect(page.get_by_text("No opening times are set out yet")).to_be_visible()

    # A time that is not one is explained beside its field, and what was typed stays.
    page.get_by_label("Monday").check()
    page.get_by_label("Wednesday").check()
    page.get_by_label("Opens at").fill("half nine")
    page.get_by_label("Closes at").fill("5:30pm")
    page.get_by_role("button", name="Add these opening times").click()
    expect(page).to_have_title(re.compile("^Error: "))
    page.get_by_role("link", name="Enter a time of day, like 9am or 2:30pm").click()
    expect(page.get_by_label("Opens at")).to_be_focused()
    expect(page.get_by_label("Opens at")).to_have_value("half nine")
    expect(page.get_by_label("Monday")).to_be_checked()
    page.keyboard.press("Control+A")
    page.keyboard.type("9:30am")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Opening times added: Monday and Wednesday")).to_be_visible()
    table = page.get_by_role("table", name="Opening times")
    expect(table.get_by_role("row", name=re.compile("Monday and Wednesday"))).to_contain_text(
        "9:30am to 5:30pm"
    )
    # A night's opening, then one taken out.
    page.get_by_label("Saturday").check()
    page.get_by_label("Opens at").fill("8pm")
    page.get_by_label("Closes at").fill("8am")
    page.get_by_role("button", name="Add these opening times").click()
    expect(table).to_contain_text("8pm to 8am the next day")
    page.get_by_role("button", name=re.compile("^Take out Saturday")).click()
    expect(page.get_by_text("Opening times taken out: Saturday")).to_be_visible()
    expect(table).not_to_contain_text("Saturday")
    page.get_by_role("button", name="Sign out").click()

    page = sign_in(practitioner)
    page.get_by_role("link", name="Community directory").click()
    page.get_by_role("link", name="Bramley Baths").click()
    table = page.get_by_role("table", name="Opening times")
    expect(table).to_contain_text("9:30am to 5:30pm")
    expect(page.get_by_text("Closed on bank holidays")).to_be_visible()
    expect(page.get_by_role("heading", name="Also at")).to_be_visible()
    expect(page.get_by_text("Bramley Park pool")).to_be_visible()
    expect(page.get_by_role("table", name="Prices")).to_contain_text("£4.00")
    expect(page.get_by_text("Reception, Front desk")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("opening times", re.I))).to_have_count(0)
