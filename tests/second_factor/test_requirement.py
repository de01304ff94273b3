"""Who must set up a second factor before anything else."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

from .helpers import sign_in

ENROL = reverse("second_factor:enrol")


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.ADMINISTRATOR, Role.INFORMATION_GOVERNANCE])
def test_roles_that_need_one_are_sent_to_set_it_up(client, second_factor_required, team, role):
    user = UserFactory(teams=[team], roles=[role])
    sign_in(client, user)
    assert client.get(reverse("home")).url == ENROL
    assert client.get(reverse("accessibility")).url == f"{ENROL}?next=/accessibility/"
    assert client.get(ENROL).status_code == 200


def test_practitioners_may_go_without(client, second_factor_required, practitioner):
    sign_in(client, practitioner)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(ENROL).status_code == 200  # and may set one up


def test_a_setting_asks_it_of_everyone(client, second_factor_required, settings, practitioner):
    settings.SECOND_FACTOR_FOR_EVERYONE = True
    sign_in(client, practitioner)
    assert client.get(reverse("home")).url == ENROL


def test_signing_out_and_the_session_pages_stay_open(client, second_factor_required, team_lead):
    sign_in(client, team_lead)
    assert client.get(reverse("accounts:session_status")).status_code == 200
    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert client.post(reverse("accounts:sign_out")).url == reverse("accounts:sign_in")
    assert client.get(reverse("home")).url.startswith(reverse("accounts:sign_in"))


def test_a_council_account_trusted_for_its_own_second_factor_is_let_in(
    client, second_factor_required, settings, team_lead
):
    settings.OIDC_TRUST_PROVIDER_SECOND_FACTOR = True
    client.force_login(team_lead)
    session = client.session
    session["signed_in_with"] = "oidc"
    session.save()
    assert client.get(reverse("home")).status_code == 200
    settings.OIDC_TRUST_PROVIDER_SECOND_FACTOR = False
    assert client.get(reverse("home")).url == ENROL
