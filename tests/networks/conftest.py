import datetime

import pytest

from tests.factories import ConversationFactory


@pytest.fixture
def meeting(person, practitioner):
    """A network meeting on 2 November 2026, a draft with its first version saved."""
    conversation = ConversationFactory(
        person=person,
        practitioner=practitioner,
        kind="network_meeting",
        date=datetime.date(2026, 11, 2),
    )
    conversation.save_by(practitioner)
    return conversation


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client
