import pytest

from safeguarding.models import SafeguardingConcern
from tests.factories import SafeguardingConcernFactory

YES, NO, NOT_KNOWN = "yes", "no", "not_known"


@pytest.mark.parametrize(
    ("answers", "met"),
    [
        ((YES, YES, YES), True),
        ((YES, YES, NOT_KNOWN), False),
        ((NO, YES, YES), False),
        ((NOT_KNOWN, NOT_KNOWN, NOT_KNOWN), False),
    ],
)
def test_the_duty_to_enquire_applies_only_when_all_three_conditions_are_met(answers, met):
    concern = SafeguardingConcern(
        has_care_needs=answers[0], abuse_or_neglect=answers[1], unable_to_protect=answers[2]
    )
    assert concern.criteria_met is met


@pytest.mark.parametrize(
    ("difficulty", "someone", "due"),
    [(YES, NO, True), (YES, YES, False), (NO, NO, False), (YES, NOT_KNOWN, False)],
)
def test_an_advocate_is_due_with_substantial_difficulty_and_no_one_appropriate(
    difficulty, someone, due
):
    concern = SafeguardingConcern(substantial_difficulty=difficulty, appropriate_person=someone)
    assert concern.advocate_due is due


def test_a_concern_is_open_until_closed_once(db, practitioner):
    concern = SafeguardingConcernFactory(raised_by=practitioner)
    assert concern.is_open
    concern.close(on=concern.raised_on, note="Moved to a care home she chose", by=practitioner)
    assert not concern.is_open
    assert concern.history.first().history_user == practitioner
    with pytest.raises(ValueError, match="already closed"):
        concern.close(on=concern.raised_on, note="Again", by=practitioner)
    assert SafeguardingConcern.objects.open().count() == 0
