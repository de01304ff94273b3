import pytest

from tests.factories import SafeguardingConcernFactory

WHAT = "Hyacinth says her lodger Vernon takes her pension book"


@pytest.fixture
def concern(person, practitioner):
    """An open concern about the person, recorded by their practitioner."""
    return SafeguardingConcernFactory(person=person, raised_by=practitioner, what=WHAT)


@pytest.fixture
def as_practitioner(client, practitioner):
    client.force_login(practitioner)
    return client
