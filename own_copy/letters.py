"""The letters a person is sent about the council's decisions: the eligibility decision
(Care Act 2014 s.13) and their care and support plan (ss.24-25), written to them.

Each letter is read from one conversation record. Until a team leader signs it off, its
letter is a draft, marked as such on every page, for reading through with them.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Team
from conversations.eligibility import CARER, TESTS_TO_YOU, WELLBEING, criteria_for, to_you
from conversations.models import Conversation


@dataclass(frozen=True)
class Paragraphs:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Letter:
    conversation: Conversation
    title: str
    opening: str
    parts: list[Paragraphs]
    council: str
    made_on: datetime.date
    team: Team | None
    look_again: str
    complaints: str

    @property
    def draft(self) -> bool:
        return not self.conversation.is_signed_off

    @property
    def person(self):
        return self.conversation.person


def _day(day: datetime.date | None) -> str:
    return date_format(day, "j F Y") if day else "a date not yet recorded"


def _pounds(amount: Decimal | None) -> str:
    return f"\u00a3{amount:,.2f}" if amount is not None else "not yet decided"


def _letter(conversation: Conversation, title: str, opening: str, parts) -> Letter:
    return Letter(
        conversation=conversation,
        title=title,
        opening=opening,
        # A part with nothing written in it is left out.
        parts=[
            Paragraphs(part.heading, [words for words in part.paragraphs if words], part.items)
            for part in parts
            if any(part.paragraphs) or part.items
        ],
        council=settings.COUNCIL_NAME,
        made_on=timezone.localdate(),
        team=conversation.person.team,
        look_again=settings.COUNCIL_DECISION_REVIEW,
        complaints=settings.COUNCIL_COMPLAINTS,
    )


def decision_letter(conversation: Conversation) -> Letter | None:
    """The letter of the eligibility decision a conversation records, or None if it records
    none."""
    if not conversation.eligible:
        return None
    criteria = criteria_for(conversation)
    as_carer = criteria is CARER
    eligible = conversation.eligible == Conversation.YesNo.YES
    support = "support for you as a carer" if as_carer else "care and support"
    opening = (
        f"On {_day(conversation.eligibility_decided_on)} we decided that your needs "
        f"{'meet' if eligible else 'do not meet'} the eligibility criteria for {support}. "
        "The Care Act 2014 asks us to make this decision and to tell you it in writing, with "
        "our reasons. This letter does that."
    )
    answers = conversation.eligibility_outcomes or {}
    unable = [
        f"{to_you(words)[0].upper()}{to_you(words)[1:]}: "
        + "; or ".join(TESTS_TO_YOU[test] for test in answers[key]["tests"])
        for key, words in criteria.unable(answers)
    ]
    areas = dict(WELLBEING)
    wellbeing = [
        to_you(areas[key]) for key in conversation.eligibility_wellbeing_areas or [] if key in areas
    ]
    impact = conversation.eligibility_wellbeing_impact == Conversation.YesNo.YES
    parts = [
        Paragraphs("Why we decided this", [conversation.eligibility_reasons]),
        Paragraphs(
            "What you are unable to do without help",
            [
                "We looked at each of the outcomes the law lists, as if nobody were helping "
                "you. You told us you are unable to achieve these, in these ways:"
            ]
            if unable
            else [
                "We did not find any of the outcomes the law lists that you are unable to achieve."
            ],
            unable,
        ),
        Paragraphs(
            "The effect on your wellbeing",
            [
                "We think this has, or is likely to have, a significant effect on your "
                "wellbeing: " + "; ".join(wellbeing) + "."
                if impact and wellbeing
                else "We think this has, or is likely to have, a significant effect on your "
                "wellbeing."
                if impact
                else "We do not think this has a significant effect on your wellbeing."
            ],
        ),
        Paragraphs(
            "The help you have now",
            [
                "We made this decision as if nobody were helping you, as the law asks. What "
                "the people who care for you do, and are willing to go on doing, is part of "
                "your plan, not of this decision."
            ]
            if conversation.eligibility_carers_do and not as_carer
            else [],
        ),
        Paragraphs(
            "Advice and information to help you now",
            [conversation.eligibility_advice] if not eligible else [],
        ),
        Paragraphs(
            "What happens next",
            [
                "We will work out with you how your needs will be met, and write it down in "
                "your care and support plan. Our finance team will ask about your money, to "
                "work out whether you will pay anything towards it."
            ]
            if eligible
            else [],
        ),
        Paragraphs("Where you live", [_residence(conversation)]),
    ]
    title = (
        "Our decision about support for you as a carer"
        if as_carer
        else ("Our decision about care and support")
    )
    return _letter(conversation, title, opening, parts)


def _residence(conversation: Conversation) -> str:
    residence = conversation.ordinary_residence
    if residence == Conversation.Residence.ELSEWHERE:
        council = conversation.ordinary_residence_council or "another council"
        return (
            f"You usually live in the area of {council}. We will ask them to take on meeting "
            "your needs, and keep helping you until they do."
        )
    if residence == Conversation.Residence.NO_SETTLED:
        return (
            "You have no settled home, and you are in our area: so we are the council that "
            "helps you."
        )
    return "You usually live in our area: so we are the council that helps you."


def plan_letter(conversation: Conversation) -> Letter | None:
    """The letter of the care and support plan a conversation records, or None if it records
    none."""
    if conversation.plan_review_date is None:
        return None
    how = [
        ("The people around you", conversation.plan_by_network),
        ("Your community", conversation.plan_by_community),
        ("Support we pay for", conversation.plan_funded),
    ]
    money = [
        f"Your personal budget is {_pounds(conversation.plan_budget)} a week. This is what it "
        "costs us to meet your needs.",
        f"You will pay {_pounds(conversation.plan_contribution)} a week towards it. Our "
        "finance team worked this out in your financial assessment.",
    ]
    if conversation.plan_direct_payment == Conversation.YesNo.YES:
        every = conversation.get_plan_payment_every_display().lower()
        amount = _pounds(conversation.plan_payment_amount)
        money.append(
            f"You chose a direct payment: we will pay you {amount} {every}, to arrange your "
            "support yourself."
        )
    said: dict[str, str] = {
        Conversation.Agreement.AGREED: "You told us you agree with this plan.",
        Conversation.Agreement.WITH_COMMENTS: "You told us you agree with this plan, with "
        "some comments.",
        Conversation.Agreement.NOT_AGREED: "You told us you do not agree with this plan. "
        f"What you did not agree with: {conversation.plan_not_agreed_why}",
    }
    agreement = said.get(conversation.plan_agreement, "")
    parts = [
        Paragraphs("The needs this plan meets", [conversation.plan_needs]),
        *(Paragraphs(heading, [words]) for heading, words in how if words),
        Paragraphs("Money", money),
        Paragraphs("Who helped make this plan", [conversation.plan_involved]),
        Paragraphs("What you said", [agreement] if agreement else []),
        Paragraphs(
            "When we will look at it again",
            [
                f"We will review your plan with you by {_day(conversation.plan_review_date)}, "
                "and then at least once a year. Tell us sooner if things change."
            ],
        ),
    ]
    opening = (
        f"This is your care and support plan. It starts on {_day(conversation.plan_starts_on)}. "
        "It says how your needs will be met: by the people around you, your community, and "
        "support we pay for."
    )
    return _letter(conversation, "Your care and support plan", opening, parts)
