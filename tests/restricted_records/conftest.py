import pytest

from accounts.models import Restriction, Role
from tests.factories import UserFactory


@pytest.fixture
def colleague(team):
    """A practitioner of the person's own team whom the restriction does not name."""
    return UserFactory(full_name="Cora Lindqvist", teams=[team], roles=[Role.PRACTITIONER])


@pytest.fixture
def restricted(person, practitioner, information_governance):
    """The person's record restricted to their own practitioner: they are a relative of a
    member of staff."""
    restriction = Restriction.objects.create(
        person=person,
        reason=Restriction.Reason.RELATIVE_OF_STAFF,
        details="Her son works in the North team",
        restricted_by=information_governance,
    )
    restriction.named_staff.set([practitioner])
    return restriction
