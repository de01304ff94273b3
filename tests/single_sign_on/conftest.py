import pytest

from .council_provider import CALLBACK_PATH, council_provider, point_at


@pytest.fixture(scope="module")
def provider():
    with council_provider([f"http://testserver{CALLBACK_PATH}"]) as issuer:
        yield issuer


@pytest.fixture
def single_sign_on(settings, provider):
    """Single sign-on set up, with the test's provider as the council's."""
    point_at(settings, provider)
    return provider
