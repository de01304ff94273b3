"""An open safeguarding concern for one demo person, to show on their page and the lead's
caseload."""

import datetime

from accounts.models import User
from people.models import Person
from safeguarding.models import SafeguardingConcern
from safeguarding.services import safeguarding_concern_add


def add_safeguarding_concern(person: Person, *, by: User) -> None:
    """Dev's concern about money taken from his account, open and waiting for a decision;
    recorded once, so that running the demo again adds nothing."""
    if person.safeguarding_concerns.exists():
        return
    concern = SafeguardingConcern(
        person=person,
        raised_on=datetime.date(2026, 11, 16),
        what=(
            "Dev told me that a man who helps him with shopping has been taking cash from his "
            "account, about £40 a week since the summer."
        ),
        who_told="The safeguarding adults team, by phone on 16 November",
        has_care_needs=SafeguardingConcern.Answer.YES,
        abuse_or_neglect=SafeguardingConcern.Answer.YES,
        unable_to_protect=SafeguardingConcern.Answer.NOT_KNOWN,
        desired_outcomes="I want my money to stop going. I still want help with the shopping.",
        substantial_difficulty=SafeguardingConcern.Answer.NO,
        appropriate_person=SafeguardingConcern.Answer.YES,
        advocate=SafeguardingConcern.Advocate.NOT_NEEDED,
    )
    safeguarding_concern_add(concern=concern, by=by)
