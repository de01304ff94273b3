"""Seeing and removing one's second factors, and making new recovery codes."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from second_factor.services import recovery_codes_make
from tests.factories import UserFactory

from .helpers import app_for, code_for, sign_in

DEVICES = reverse("second_factor:devices")
REMOVE = reverse("second_factor:remove")


def signed_in_with_app(client, user) -> TOTPDevice:
    app = app_for(user)
    recovery_codes_make(by=user)
    sign_in(client, user)
    client.post(reverse("second_factor:verify"), {"code": code_for(app.key)})
    return app


def test_it_lists_the_app_and_the_recovery_codes_left(client, practitioner):
    app = signed_in_with_app(client, practitioner)
    page = client.get(DEVICES).content.decode()
    assert "Authenticator app" in page and "10 not used" in page
    assert f'value="{app.persistent_id}"' in page


def test_it_makes_new_recovery_codes_in_place_of_the_old(client, practitioner):
    signed_in_with_app(client, practitioner)
    old = set(StaticToken.objects.values_list("token", flat=True))
    response = client.post(reverse("second_factor:recovery_codes"), follow=True)
    new = set(StaticToken.objects.values_list("token", flat=True))
    assert len(new) == 10 and not old & new
    assert all(code in response.content.decode() for code in new)


def test_removing_the_app_removes_the_recovery_codes_too(client, practitioner):
    app = signed_in_with_app(client, practitioner)
    client.post(REMOVE, {"device": app.persistent_id})
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert client.get(reverse("home")).status_code == 200  # a practitioner may go without


def test_a_lead_who_removes_their_only_app_is_sent_to_set_one_up(
    client, second_factor_required, team_lead
):
    app = signed_in_with_app(client, team_lead)
    assert client.post(REMOVE, {"device": app.persistent_id}).url == (
        reverse("second_factor:enrol")
    )
    assert client.get(reverse("home")).url == reverse("second_factor:enrol")


def test_no_one_removes_anothers_second_factor(client, practitioner, team):
    signed_in_with_app(client, practitioner)
    theirs = app_for(UserFactory(teams=[team]))
    assert client.post(REMOVE, {"device": theirs.persistent_id}).url == DEVICES
    assert client.post(REMOVE, {"device": "otp_totp.totpdevice/x\x00"}).url == DEVICES
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_recovery_codes_are_made_only_for_someone_with_a_second_factor(client, practitioner):
    client.force_login(practitioner)
    assert client.post(reverse("second_factor:recovery_codes")).url == DEVICES
    assert not StaticDevice.objects.exists()
