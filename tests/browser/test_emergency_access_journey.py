import datetime
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from accounts.models import EmergencyAccess, Role
from govuk.times import time_in_words
from tests.factories import UserFactory

REASON = "The out-of-hours GP rang: he is confused and his carer cannot be reached"


@pytest.fixture
def other_person(other_person):
    other_person.nhs_number = "9434765919"
    other_person.date_of_birth = datetime.date(1938, 5, 17)
    other_person.save()
    return other_person


def test_a_practitioner_opens_a_record_outside_their_teams_and_its_lead_sees_why(
    sign_in, practitioner, other_person, other_team
):
    page = sign_in(practitioner)
    page.get_by_role("link", name="Emergency access").click()
    page.get_by_label("Why do you need to open a record outside your teams?").fill("Duty call")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 20 characters")
    page.get_by_label("Why do you need to open a record outside your teams?").fill(REASON)
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("NHS number").fill("943 476 5919")
    page.get_by_role("button", name="Find the record").click()
    # The search leaves nothing in the address (its path and query: the live server's port
    # is chosen at random, and once was 59437).
    address = urlsplit(page.url)
    assert "943" not in address.path + address.query and "?" not in page.url
    expect(page.get_by_role("heading", name="Open the record of")).to_contain_text(
        other_person.display_name
    )
    page.get_by_role("button", name="Open the record").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(other_person.display_name)
    until = time_in_words(EmergencyAccess.objects.get(user=practitioner).expires_at)
    expect(page.get_by_role("region", name="Emergency access")).to_contain_text(
        f"Emergency access until {until}"
    )

    lead = UserFactory(full_name="Olu Bankole", teams=[other_team], roles=[Role.TEAM_LEAD])
    page = sign_in(lead)
    page.get_by_role("link", name="Emergency access to records").click()
    row = page.get_by_role("row", name=other_person.display_name)
    expect(row).to_contain_text(practitioner.full_name)
    expect(row).to_contain_text(REASON)
