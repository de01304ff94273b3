"""The law's lists for an eligibility decision, worded as the law words them, and the rules
that read a decision's answers.

An adult's needs meet the eligibility criteria (the Care and Support (Eligibility Criteria)
Regulations 2015, reg. 2) when they arise from or are related to a physical or mental
impairment or illness, the adult is unable to achieve two or more of the outcomes of
reg. 2(2), and as a consequence there is, or is likely to be, a significant impact on their
wellbeing. A carer's needs (reg. 3) arise as a consequence of providing necessary care, and
their health is, or is at risk of, deteriorating or they are unable to achieve any one of the
outcomes of reg. 3(2)(b). Whether someone is unable to achieve an outcome is decided by the
tests of reg. 2(3) (four) or reg. 3(3) (three), as if no carer were helping.
"""

from dataclasses import dataclass

from .models import Conversation

# reg. 2(2): "The specified outcomes are—"
ADULT_OUTCOMES = [
    ("a", "managing and maintaining nutrition"),
    ("b", "maintaining personal hygiene"),
    ("c", "managing toilet needs"),
    ("d", "being appropriately clothed"),
    ("e", "being able to make use of the adult\u2019s home safely"),
    ("f", "maintaining a habitable home environment"),
    ("g", "developing and maintaining family or other personal relationships"),
    ("h", "accessing and engaging in work, training, education or volunteering"),
    (
        "i",
        "making use of necessary facilities or services in the local community including "
        "public transport, and recreational facilities or services",
    ),
    ("j", "carrying out any caring responsibilities the adult has for a child"),
]

# reg. 2(3): an adult is to be regarded as being unable to achieve an outcome if the adult—
ADULT_TESTS = [
    ("a", "is unable to achieve it without assistance"),
    (
        "b",
        "is able to achieve it without assistance but doing so causes the adult significant "
        "pain, distress or anxiety",
    ),
    (
        "c",
        "is able to achieve it without assistance but doing so endangers or is likely to "
        "endanger the health or safety of the adult, or of others",
    ),
    (
        "d",
        "is able to achieve it without assistance but takes significantly longer than would "
        "normally be expected",
    ),
]

# reg. 3(2)(b): "the carer is unable to achieve any of the following outcomes—"
CARER_OUTCOMES = [
    ("i", "carrying out any caring responsibilities the carer has for a child"),
    ("ii", "providing care to other persons for whom the carer provides care"),
    (
        "iii",
        "maintaining a habitable home environment in the carer\u2019s home (whether or not "
        "this is also the home of the adult needing care)",
    ),
    ("iv", "managing and maintaining nutrition"),
    ("v", "developing and maintaining family or other personal relationships"),
    ("vi", "engaging in work, training, education or volunteering"),
    (
        "vii",
        "making use of necessary facilities or services in the local community, including "
        "recreational facilities or services",
    ),
    ("viii", "engaging in recreational activities"),
]

# reg. 3(3): a carer is to be regarded as being unable to achieve an outcome if the carer—
CARER_TESTS = [
    ("a", "is unable to achieve it without assistance"),
    (
        "b",
        "is able to achieve it without assistance but doing so causes the carer significant "
        "pain, distress or anxiety",
    ),
    (
        "c",
        "is able to achieve it without assistance but doing so endangers or is likely to "
        "endanger the health or safety of the carer, or of others",
    ),
]

# Care Act 2014 s.1(2): "“Well-being”, in relation to an individual, means that individual's
# well-being so far as relating to any of the following—"
WELLBEING = [
    ("a", "personal dignity (including treatment of the individual with respect)"),
    ("b", "physical and mental health and emotional well-being"),
    ("c", "protection from abuse and neglect"),
    (
        "d",
        "control by the individual over day-to-day life (including over care and support, or "
        "support, provided to the individual and the way in which it is provided)",
    ),
    ("e", "participation in work, education, training or recreation"),
    ("f", "social and economic well-being"),
    ("g", "domestic, family and personal relationships"),
    ("h", "suitability of living accommodation"),
    ("i", "the individual\u2019s contribution to society"),
]


# The tests, said to the person in their letter: reg. 2(3) and 3(3) with "you" for "the adult"
# or "the carer".
TESTS_TO_YOU = {
    "a": "you are unable to achieve it without assistance",
    "b": "you are able to achieve it without assistance but doing so causes you significant "
    "pain, distress or anxiety",
    "c": "you are able to achieve it without assistance but doing so endangers or is likely to "
    "endanger your health or safety, or that of others",
    "d": "you are able to achieve it without assistance but take significantly longer than "
    "would normally be expected",
}

# The outcomes' own words that name the adult or the carer, said to them.
_TO_YOU = [
    ("the adult\u2019s home", "your home"),
    ("the adult has", "you have"),
    ("the carer\u2019s home", "your home"),
    ("the adult needing care", "the person you care for"),
    ("the carer has", "you have"),
    ("whom the carer provides care", "whom you provide care"),
    ("the individual\u2019s", "your"),
    ("the individual", "you"),
]


def to_you(words: str) -> str:
    """An outcome or an area of wellbeing in the law's words, said to the person."""
    for law, yours in _TO_YOU:
        words = words.replace(law, yours)
    return words


@dataclass(frozen=True)
class Criteria:
    """The criteria one kind of decision is made against."""

    regulation: str
    outcomes: list[tuple[str, str]]
    tests: list[tuple[str, str]]
    needs_arise: str  # the first criterion, as a question
    outcomes_needed: int  # how many outcomes not achieved the criteria ask for
    who: str  # as the regulation names them: "adult" or "carer"

    def unable(self, answers: dict) -> list[tuple[str, str]]:
        """The outcomes the answers say they are unable to achieve, in the law's order."""
        return [
            (key, words) for key, words in self.outcomes if (answers.get(key) or {}).get("tests")
        ]

    def tests_of(self, answer: dict) -> list[str]:
        """The tests an answer names, each with its letter, in the regulation's words."""
        named = dict(self.tests)
        return [f"({test}) {named[test]}" for test in answer.get("tests", []) if test in named]


ADULT = Criteria(
    regulation="the Care and Support (Eligibility Criteria) Regulations 2015, regulation 2",
    outcomes=ADULT_OUTCOMES,
    tests=ADULT_TESTS,
    needs_arise="Do their needs arise from or relate to a physical or mental impairment or "
    "illness?",
    outcomes_needed=2,
    who="adult",
)
CARER = Criteria(
    regulation="the Care and Support (Eligibility Criteria) Regulations 2015, regulation 3",
    outcomes=CARER_OUTCOMES,
    tests=CARER_TESTS,
    needs_arise="Do their needs arise as a consequence of providing necessary care for an adult?",
    outcomes_needed=1,
    who="carer",
)


def criteria_for(conversation: Conversation) -> Criteria:
    """A carer's needs are decided against regulation 3; everyone else's against regulation 2."""
    return CARER if conversation.kind == Conversation.Kind.CARERS else ADULT
