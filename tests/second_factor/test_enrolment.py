from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from second_factor.views import NEW_KEY

from .helpers import code_for

ENROL = reverse("second_factor:enrol")


def test_it_shows_a_qr_code_and_the_secret_as_text(client, practitioner):
    client.force_login(practitioner)
    page = client.get(ENROL).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "QR code to scan with your authenticator app" in page
    key = client.session[NEW_KEY]
    assert TOTPDevice(user=practitioner, key=key).config_url.split("secret=")[1][:4] in page
    assert not TOTPDevice.objects.exists()  # nothing kept until the first code is right


def test_it_sets_up_the_app_with_a_right_code_and_shows_recovery_codes_once(client, practitioner):
    client.force_login(practitioner)
    client.get(ENROL)
    response = client.post(ENROL, {"code": code_for(client.session[NEW_KEY])})
    assert response.url == reverse("second_factor:recovery_codes")
    device = TOTPDevice.objects.get(user=practitioner, confirmed=True)
    page = client.get(response.url).content.decode()
    codes = list(StaticToken.objects.filter(device__user=practitioner))
    assert len(codes) == 10 and all(code.token in page for code in codes)
    assert client.get(response.url).url == reverse("second_factor:devices")  # shown once
    assert client.get(reverse("home")).context["user"].otp_device == device


def test_it_refuses_a_wrong_code_beside_the_field_and_keeps_nothing(client, practitioner):
    client.force_login(practitioner)
    client.get(ENROL)
    right = code_for(client.session[NEW_KEY])
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page = client.post(ENROL, {"code": wrong}).content.decode()
    assert "There is a problem" in page and "<title>Error: Set up your second factor" in page
    assert "The code is not right" in page and "govuk-error-message" in page
    assert not TOTPDevice.objects.exists() and not StaticToken.objects.exists()


def test_it_explains_a_code_that_is_not_six_numbers(client, practitioner):
    client.force_login(practitioner)
    page = client.post(ENROL, {"code": "12ab"}).content.decode()
    assert "Enter the 6 numbers the app shows, like 123456" in page
    assert not TOTPDevice.objects.exists()


def test_it_keeps_the_same_secret_until_the_app_is_set_up(client, practitioner):
    client.force_login(practitioner)
    client.get(ENROL)
    key = client.session[NEW_KEY]
    client.get(ENROL)
    assert client.session[NEW_KEY] == key
