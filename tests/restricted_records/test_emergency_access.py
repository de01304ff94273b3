"""Emergency access to a restricted record waits for information governance's approval; until
then it opens nothing, and refused it never does."""

import pytest
from django.urls import reverse

from accounts.models import EmergencyAccess
from tests.emergency_access.conftest import NHS_NUMBER, REASON, open_record


@pytest.fixture
def restricted(restricted):
    restricted.person.nhs_number = NHS_NUMBER
    restricted.person.save()
    return restricted


def person_page(client, restricted) -> int:
    return client.get(reverse("overview:person", args=[restricted.person.code])).status_code


def test_it_waits_for_approval_and_opens_once_approved(
    client, restricted, colleague, information_governance
):
    client.force_login(colleague)
    client.post(reverse("emergency_access:reason"), {"reason": REASON})
    client.post(reverse("emergency_access:search"), {"nhs_number": NHS_NUMBER})
    confirm = client.get(reverse("emergency_access:confirm")).content.decode()
    assert "This record is restricted" in confirm
    response = client.post(reverse("emergency_access:confirm"))
    assert response.url == reverse("emergency_access:requests")
    access = EmergencyAccess.objects.get(user=colleague)
    assert access.needs_approval and access.approved is None
    assert person_page(client, restricted) == 404
    assert "Waiting" in client.get(reverse("emergency_access:requests")).content.decode()

    client.force_login(information_governance)
    log = client.get(reverse("emergency_access:accesses")).content.decode()
    assert "Waiting for your approval" in log and REASON in log
    client.post(reverse("emergency_access:decide", args=[access.pk]), {"decision": "approve"})
    access.refresh_from_db()
    assert access.approved and access.decided_by == information_governance

    client.force_login(colleague)
    assert person_page(client, restricted) == 200
    requests = client.get(reverse("emergency_access:requests")).content.decode()
    assert "Open" in requests and str(restricted.person.code) in requests


def test_refused_it_never_opens(client, restricted, colleague, information_governance):
    client.force_login(colleague)
    open_record(client)
    access = EmergencyAccess.objects.get(user=colleague)
    client.force_login(information_governance)
    client.post(reverse("emergency_access:decide", args=[access.pk]), {"decision": "refuse"})
    access.refresh_from_db()
    assert access.approved is False
    # A decided access is not decided again.
    again = client.post(
        reverse("emergency_access:decide", args=[access.pk]), {"decision": "approve"}
    )
    assert again.status_code == 404
    client.force_login(colleague)
    assert person_page(client, restricted) == 404
    assert "Refused" in client.get(reverse("emergency_access:requests")).content.decode()


def test_only_information_governance_decides(
    client, restricted, colleague, team_lead, practitioner
):
    client.force_login(colleague)
    open_record(client)
    access = EmergencyAccess.objects.get(user=colleague)
    for user in [colleague, team_lead, practitioner]:
        client.force_login(user)
        url = reverse("emergency_access:decide", args=[access.pk])
        assert client.post(url, {"decision": "approve"}).status_code == 404
    access.refresh_from_db()
    assert access.approved is None


def test_a_decision_must_be_chosen(client, restricted, colleague, information_governance):
    client.force_login(colleague)
    open_record(client)
    access = EmergencyAccess.objects.get(user=colleague)
    client.force_login(information_governance)
    response = client.post(reverse("emergency_access:decide", args=[access.pk]), {}, follow=True)
    assert "Choose whether to approve or refuse the access" in response.content.decode()
    access.refresh_from_db()
    assert access.approved is None


def test_an_unrestricted_record_opens_at_once_as_before(client, colleague, other_person):
    other_person.nhs_number = NHS_NUMBER
    other_person.save()
    client.force_login(colleague)
    response = open_record(client)
    assert response.url == reverse("overview:person", args=[other_person.code])
    assert client.get(response.url).status_code == 200


def test_information_governance_is_told_on_its_home_page(
    client, restricted, colleague, information_governance
):
    client.force_login(information_governance)
    assert "waiting for your approval" not in client.get(reverse("home")).content.decode()
    client.force_login(colleague)
    open_record(client)
    client.force_login(information_governance)
    home = client.get(reverse("home")).content.decode()
    assert "1 emergency access to a restricted record is waiting for your approval" in home
