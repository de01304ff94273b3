import pytest

from accounts.models import Role
from tests.factories import ReflectiveNoteFactory, UserFactory


@pytest.fixture
def note(practitioner, person):
    """The practitioner's own note about the person they work with, not shared."""
    return ReflectiveNoteFactory(
        author=practitioner, person=person, what_happened="Agnes laughed about the leeks"
    )


@pytest.fixture
def colleague(team):
    """Another practitioner of the same team."""
    return UserFactory(full_name="Clemency Lumb", teams=[team], roles=[Role.PRACTITIONER])


@pytest.fixture
def other_lead(other_team):
    return UserFactory(full_name="Rupert Mossop", teams=[other_team], roles=[Role.TEAM_LEAD])
