"""Who may decide for one demo person: a lasting power of attorney held by their daughter."""

import datetime

from accounts.models import User
from mental_capacity.models import DecisionMaker, YesNo
from mental_capacity.services import decision_maker_add
from people.models import Person


def add_mental_capacity(person: Person, *, by: User) -> None:
    """Stan's daughter holds his lasting power of attorney for property and financial
    affairs; recorded once, so that running the demo again adds nothing."""
    if person.decision_makers.exists():
        return
    holder = DecisionMaker(
        kind=DecisionMaker.Kind.LPA_PROPERTY_AND_FINANCIAL,
        holder_name="Kasia Nowak",
        holder_contact="His daughter: 07700 900 418",
        since=datetime.date(2023, 5, 15),
        checked=YesNo.YES,
        check_note="Seen the registered lasting power of attorney",
    )
    decision_maker_add(holder=holder, person=person, by=by)
