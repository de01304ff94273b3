from playwright.sync_api import expect


def test_a_practitioner_builds_a_network_with_notes(sign_in, practitioner, person):
    page = sign_in(practitioner)
    page.goto(f"/people/{person.code}/")
    page.get_by_role("link", name="See their network and ecomap").click()
    for name, relationship, closeness in [
        ("Pat Hughes", "Neighbour", "Strong"),
        ("Michael Doyle", "Family", "Stressful"),
    ]:
        page.get_by_role("link", name="Add someone to the network").click()
        page.get_by_label("Their name").fill(name)
        page.get_by_label(relationship, exact=True).check()
        page.get_by_label(closeness, exact=True).check()
        page.get_by_label(f"What do they give {person.called}?").fill("Company")
        page.get_by_role("button", name="Save").click()
    table = page.get_by_role("table", name="Who is in the network")
    expect(table.get_by_role("row")).to_have_count(3)
    # Who gives to whom, in the person's name.
    expect(
        table.get_by_role("columnheader", name=f"What they give {person.called}")
    ).to_be_visible()
    expect(
        table.get_by_role("columnheader", name=f"What {person.called} gives them")
    ).to_be_visible()
    ecomap = page.get_by_role("img", name=f"Ecomap of {person.display_name}'s network")
    expect(ecomap).to_be_visible()
    expect(ecomap.locator("circle")).to_have_count(3)
    page.get_by_role("link", name="Add a note about Pat Hughes").click()
    page.get_by_label("The person gives").check()
    page.get_by_label("What happened?").fill("Took Pat's dog out while Pat was ill")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("Took Pat's dog out while Pat was ill")).to_be_visible()

    page.get_by_label("Year").fill("2000")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("1")
    page.get_by_role("button", name="Show the network on this date").click()
    expect(page.get_by_text("No one was in the network on that date.")).to_be_visible()
