"""Single sign-on is on only when the environment names the council's provider."""

import importlib.util

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import settings as project_settings

from .council_provider import BACKEND

PROVIDER = {
    "OIDC_RP_CLIENT_ID": "what-matters",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.gov.uk/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.gov.uk/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example.gov.uk/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example.gov.uk/keys",
}


def settings_from(monkeypatch, environment: dict):
    """config/settings.py read afresh from this environment."""
    for name in [*PROVIDER, "OIDC_RP_SIGN_ALGO", "OIDC_TRUST_PROVIDER_SECOND_FACTOR"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_read_afresh", project_settings.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_is_off_without_a_client(monkeypatch):
    settings = settings_from(monkeypatch, {})
    assert BACKEND not in settings.AUTHENTICATION_BACKENDS
    assert settings.OIDC_TRUST_PROVIDER_SECOND_FACTOR is True


def test_it_is_on_with_a_client_and_the_providers_addresses(monkeypatch):
    settings = settings_from(monkeypatch, PROVIDER)
    assert settings.AUTHENTICATION_BACKENDS[-1] == BACKEND
    assert settings.OIDC_RP_SIGN_ALGO == "RS256"
    assert settings.OIDC_OP_TOKEN_ENDPOINT == "https://login.example.gov.uk/token"


def test_it_stops_when_a_setting_is_missing(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_JWKS_ENDPOINT"):
        without_keys = {name: value for name, value in PROVIDER.items() if "JWKS" not in name}
        settings_from(monkeypatch, without_keys)
