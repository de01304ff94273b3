import re

from playwright.sync_api import expect

from moving_in.models import Import
from people.models import Person
from tests.moving_in.conftest import EXTRACT


def test_an_administrator_checks_then_imports_a_council_extract(
    sign_in, administrator, team, other_team, tmp_path
):
    from accounts.models import Role
    from tests.factories import UserFactory

    UserFactory(email="priya.shah@example.org", teams=[team], roles=[Role.PRACTITIONER])
    UserFactory(email="sam.ellis@example.org", teams=[other_team], roles=[Role.PRACTITIONER])
    broken = tmp_path / "people.csv"
    broken.write_text((EXTRACT / "people.csv").read_text().replace("1941-06-12", "12 June 1941"))
    page = sign_in(administrator)
    page.goto("/moving-in/")

    page.get_by_label("The people file").set_input_files(broken)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Move people in"))
    expect(page.get_by_text("The files have 1 problem, so nothing was saved")).to_be_visible()
    expect(page.get_by_text("people.csv, line 2, date_of_birth: not a date")).to_be_visible()

    page.get_by_label("The people file").set_input_files(EXTRACT / "people.csv")
    page.get_by_label("The key dates file (optional)").set_input_files(EXTRACT / "key_dates.csv")
    page.get_by_label("The network file (optional)").set_input_files(EXTRACT / "network.csv")
    page.get_by_label("Check the files only: nothing is saved").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="No problems found")).to_be_visible()
    expect(
        page.get_by_text("3 people (2 open, 1 closed), 6 key dates and 4 network")
    ).to_be_visible()
    assert not Person.objects.exists()

    page.get_by_label("The people file").set_input_files(EXTRACT / "people.csv")
    page.get_by_label("The key dates file (optional)").set_input_files(EXTRACT / "key_dates.csv")
    page.get_by_label("The network file (optional)").set_input_files(EXTRACT / "network.csv")
    page.get_by_label("Check the files and import them if nothing is wrong").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Import of "))).to_be_visible()
    expect(page.get_by_text("Imported 3 people (2 open, 1 closed)")).to_be_visible()
    expect(page.get_by_text("North locality team: 2 people")).to_be_visible()
    assert Person.objects.count() == 3

    # On the narrowest screen the report does not scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    expect(page.locator("html")).to_have_js_property("scrollWidth", 320)

    page.get_by_role("link", name="Move people in from the council's current system").click()
    for layout in page.locator("details").all():
        layout.locator("summary").click()
    expect(page.locator("html")).to_have_js_property("scrollWidth", 320)
    saved = Import.objects.get()
    page.get_by_role("link", name=re.compile(saved.at.strftime("%Y"))).click()
    expect(page.get_by_text(administrator.full_name, exact=True)).to_be_visible()
