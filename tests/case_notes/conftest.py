import pytest

from tests.factories import CaseNoteFactory

NOTE = {
    "date_0": "2",
    "date_1": "11",
    "date_2": "2026",
    "kind": "visit",
    "with_whom": "Her neighbour, Ada",
    "what_was_said": "Agnes says the stairs are harder since the winter",
    "next_steps": "Ask the occupational therapist to visit",
    "significant": "on",
}


@pytest.fixture
def note(person, practitioner):
    return CaseNoteFactory(person=person, author=practitioner)


@pytest.fixture
def as_practitioner(client, practitioner):
    client.force_login(practitioner)
    return client
