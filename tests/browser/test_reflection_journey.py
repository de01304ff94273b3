from playwright.sync_api import expect

from reflection.models import ReflectiveNote


def test_a_practitioner_reflects_shares_and_the_lead_reads_it_in_supervision(
    sign_in, practitioner, team_lead, person
):
    page = sign_in(practitioner)
    page.goto(f"/people/{person.code}/")
    page.get_by_role("link", name="Write a reflective note").click()
    expect(page.get_by_label("Is it about someone you work with?")).to_have_value(str(person.pk))
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter what happened")
    page.get_by_label("What happened?").fill(f"{person.preferred_name} showed me the allotment")
    page.get_by_label("What did you think and feel?").fill("I was talking more than listening")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Only you can see this note")).to_be_visible()

    page.get_by_role("link", name="Share it with my team lead").click()
    expect(page.get_by_text("Tom Okafor will be able to read it")).to_be_visible()
    page.get_by_role("button", name="Share it with my team lead").click()
    expect(page.get_by_text("You shared it with your team lead")).to_be_visible()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reflective notes").click()
    expect(page.get_by_role("row", name=person.display_name)).to_contain_text("Shared")
    assert ReflectiveNote.objects.get().shared_with_lead
    page.get_by_role("button", name="Sign out").click()

    sign_in(team_lead)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Supervision").click()
    page.get_by_role("link", name=practitioner.full_name).click()
    page.get_by_role("link", name="Reflective note of").click()
    expect(page.get_by_text("I was talking more than listening")).to_be_visible()
    expect(page.get_by_role("link", name="Change the note")).to_have_count(0)
