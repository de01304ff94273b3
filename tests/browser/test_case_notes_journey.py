from playwright.sync_api import expect

from case_notes.models import CaseNote


def test_a_practitioner_adds_a_significant_note_and_finds_it_in_the_chronology(
    sign_in, practitioner, person
):
    page = sign_in(practitioner)
    page.goto(f"/people/{person.code}/")
    page.get_by_role("link", name="Add a note").click()
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter what was said")
    page.get_by_label("A phone call").check()
    page.get_by_label("Who was it with?").fill("Her daughter, Ruth")
    page.get_by_label("What was said?").fill("The lunch club has room on Tuesdays")
    page.get_by_label("Add it to their chronology").check()
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("The note has been saved")).to_be_visible()
    assert CaseNote.objects.get().significant

    page.get_by_role("link", name="All notes").click()
    page.get_by_role("link", name="Back to").click()
    expect(page.get_by_text("The lunch club has room on Tuesdays")).to_be_visible()
    page.get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("row", name="A phone call with Her daughter, Ruth")).to_contain_text(
        "Note"
    )
    expect(page.get_by_role("button", name="Print")).to_be_visible()
