"""After the password, a user with a second factor is asked for it."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from second_factor.services import recovery_codes_make

from .helpers import app_for, code_for, sign_in

VERIFY = reverse("second_factor:verify")


def test_it_asks_a_user_with_an_app_for_a_code_before_anything(client, practitioner):
    app_for(practitioner)
    sign_in(client, practitioner)
    response = client.get(reverse("people:list"))
    assert response.url == f"{VERIFY}?next=/people/"
    assert client.get(reverse("home")).url == VERIFY


def test_it_lets_them_in_with_the_code_their_app_shows(client, practitioner):
    app = app_for(practitioner)
    sign_in(client, practitioner)
    response = client.post(f"{VERIFY}?next=/people/", {"code": code_for(app.key)})
    assert response.url == "/people/"
    assert client.get(reverse("people:list")).status_code == 200


def test_it_refuses_a_wrong_code_with_a_message_beside_the_field(client, practitioner):
    app = app_for(practitioner)
    sign_in(client, practitioner)
    wrong = f"{(int(code_for(app.key)) + 5) % 1_000_000:06d}"
    page = client.post(VERIFY, {"code": wrong}).content.decode()
    assert "There is a problem" in page and "The code is not right" in page
    assert "<title>Error: Enter your code" in page
    assert client.get(reverse("home")).url == VERIFY


def test_a_code_used_once_does_not_sign_in_again(client, practitioner):
    app = app_for(practitioner)
    sign_in(client, practitioner)
    code = code_for(app.key)
    client.post(VERIFY, {"code": code})
    client.post(reverse("accounts:sign_out"))
    sign_in(client, practitioner)
    assert client.post(VERIFY, {"code": code}).status_code == 200  # refused
    assert client.get(reverse("home")).url == VERIFY


def test_a_recovery_code_works_once(client, practitioner):
    app_for(practitioner)
    code = recovery_codes_make(by=practitioner)[0]
    sign_in(client, practitioner)
    response = client.post(VERIFY, {"code": code.upper()}, follow=True)
    assert "You used a recovery code: you have 9 left" in response.content.decode()
    assert not StaticToken.objects.filter(token=code).exists()
    client.post(reverse("accounts:sign_out"))
    sign_in(client, practitioner)
    assert "The code is not right" in client.post(VERIFY, {"code": code}).content.decode()
    assert client.get(reverse("home")).url == VERIFY


def test_a_password_alone_changes_no_second_factor(client, practitioner):
    app = app_for(practitioner)
    sign_in(client, practitioner)
    for page in ["devices", "enrol", "recovery_codes"]:
        assert client.get(reverse(f"second_factor:{page}")).url == VERIFY
    client.post(reverse("second_factor:remove"), {"device": app.persistent_id})
    assert client.post(reverse("second_factor:recovery_codes")).url == VERIFY
    assert client.get(reverse("accounts:password_change")).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(pk=app.pk).exists()
    assert not StaticDevice.objects.exists()


def test_the_sign_in_page_offers_a_passkey_only_to_those_who_have_one(client, practitioner):
    app_for(practitioner)
    sign_in(client, practitioner)
    assert "passkey-verification-button" not in client.get(VERIFY).content.decode()
