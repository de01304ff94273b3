import pytest

from tests.factories import CapacityAssessmentFactory, DecisionMakerFactory

# What the add and change pages send for an attorney, as a practitioner fills them in.
HOLDER = {
    "kind": "lpa_health_and_welfare",
    "holder_name": "Wilhelmina Trevose",
    "holder_contact": "07700 900 123",
    "since_0": "4",
    "since_1": "3",
    "since_2": "2024",
    "checked": "yes",
    "check_note": "Seen the registered lasting power of attorney",
}

# An assessment that finds the person lacks capacity for the decision.
LACKS = {
    "decision": "Whether to sell the house on Larch Lane",
    "assessed_on_0": "10",
    "assessed_on_1": "2",
    "assessed_on_2": "2026",
    "impairment": "yes",
    "understands": "able",
    "understands_note": "Told me back what a sale would mean",
    "retains": "unable",
    "retains_note": "Ten minutes later did not remember we had talked about it",
    "uses_or_weighs": "unable",
    "uses_or_weighs_note": "",
    "communicates": "able",
    "communicates_note": "",
    "outcome": "lacks_capacity",
    "best_interests_decision": "Keep the house for now and look again in the spring",
    "consulted": "Her son and her GP",
    "wishes_and_feelings": "Says she wants to die in the house she was born in",
}

# One that finds they can make it: every ability there.
HAS = {
    **LACKS,
    "impairment": "no",
    "retains": "able",
    "uses_or_weighs": "able",
    "outcome": "has_capacity",
    "best_interests_decision": "",
    "consulted": "",
    "wishes_and_feelings": "",
}


@pytest.fixture
def holder(person, practitioner):
    """Someone who holds a lasting power of attorney for the person, now."""
    return DecisionMakerFactory(person=person, created_by=practitioner)


@pytest.fixture
def assessment(person, practitioner):
    return CapacityAssessmentFactory(person=person, assessed_by=practitioner)


@pytest.fixture
def as_practitioner(client, practitioner):
    client.force_login(practitioner)
    return client
