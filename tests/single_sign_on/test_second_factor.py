"""The council's provider asks for its own second factor; OIDC_TRUST_PROVIDER_SECOND_FACTOR
says whether that is enough, or ours is asked for too."""

from django.urls import reverse

from .test_sign_in import sign_in_through_provider


def test_it_trusts_the_providers_second_factor_by_default(
    client, second_factor_required, single_sign_on, team_lead
):
    # A team lead must have a second factor: the provider's counts.
    sign_in_through_provider(client, team_lead.email, single_sign_on)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["user"] == team_lead


def test_it_asks_for_ours_too_when_not_trusted(
    client, settings, second_factor_required, single_sign_on, team_lead
):
    settings.OIDC_TRUST_PROVIDER_SECOND_FACTOR = False
    sign_in_through_provider(client, team_lead.email, single_sign_on)
    assert client.get(reverse("home")).url == reverse("second_factor:enrol")
