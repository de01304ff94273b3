"""The cast of a small council extract: the two teams' practitioners it allocates people to,
by the email addresses the extract gives, and the files of the extract itself."""

from pathlib import Path

import pytest

from accounts.models import Role
from moving_in.checking import Upload
from tests.factories import UserFactory

EXTRACT = Path(__file__).parent / "extract"


def upload(name: str, content: bytes | None = None) -> Upload:
    """One of the extract's files as sent, or `content` under its name."""
    return Upload(name, (EXTRACT / name).read_bytes() if content is None else content)


def extract_text(name: str) -> str:
    return (EXTRACT / name).read_text(encoding="utf-8-sig")


@pytest.fixture
def cast(team, other_team):
    return {
        "priya": UserFactory(
            full_name="Priya Shah",
            email="priya.shah@example.org",
            teams=[team],
            roles=[Role.PRACTITIONER],
        ),
        "sam": UserFactory(
            full_name="Sam Ellis",
            email="sam.ellis@example.org",
            teams=[other_team],
            roles=[Role.PRACTITIONER],
        ),
    }
