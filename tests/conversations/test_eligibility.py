"""The eligibility decision (Care Act 2014 s.13; the Care and Support (Eligibility Criteria)
Regulations 2015), offered in conversation 3 and in a carer's own conversation, and its
letter to the person."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.eligibility import ADULT_OUTCOMES, ADULT_TESTS, CARER_OUTCOMES, CARER_TESTS
from conversations.models import Conversation
from conversations.sections import sections_for
from history.forms import current_version
from tests.factories import ConversationFactory, complete_conversation


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def send(client, conversation, slug, data):
    url = reverse("conversations:section", args=[conversation.code, slug])
    return client.post(url, {"version": current_version(conversation), **data})


def day(name: str, when: datetime.date) -> dict:
    return {f"{name}_0": str(when.day), f"{name}_1": str(when.month), f"{name}_2": str(when.year)}


def eligible_answers(**more) -> dict:
    today = timezone.localdate()
    return {
        "eligibility_needs_arise": "yes",
        "unable_a": ["a"],
        "said_a": "I can't stand at the cooker for long",
        "unable_b": ["b", "d"],
        "unable_c": [],
        "said_c": "I manage the toilet fine",
        "eligibility_wellbeing_impact": "yes",
        "eligibility_wellbeing_areas": ["b", "g"],
        "eligibility_wellbeing_how": "She is tired and low, and sees her friends less",
        "eligibility_carers_do": "Her son Derek does her shopping",
        "eligible": "yes",
        "eligibility_reasons": "You cannot cook or wash without help, and it is wearing you down",
        "ordinary_residence": "here",
        **day("eligibility_decided_on", today),
        **more,
    }


def test_eligibility_is_decided_in_conversation_3_and_in_a_carers_conversation(
    person, practitioner
):
    slugs: dict[tuple[str, int], list[str]] = {
        (kind, stage): [s.slug for s in sections_for(Conversation(kind=kind, stage=stage))]
        for kind in Conversation.Kind
        for stage in Conversation.Stage
    }
    assert "eligibility" in slugs[("one_to_one", 3)]
    assert "eligibility" not in slugs[("one_to_one", 1)]
    assert "eligibility" not in slugs[("one_to_one", 2)]
    assert "eligibility" in slugs[("carers", 1)]


def test_the_form_words_the_outcomes_and_tests_as_the_regulations_do(
    signed_in, person, practitioner
):
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3)
    url = reverse("conversations:section", args=[conversation.code, "eligibility"])
    page = signed_in.get(url).content.decode()
    for _, words in ADULT_OUTCOMES:
        assert (words[0].upper() + words[1:]).replace("\u2019", "&#x27;") in page.replace(
            "’", "&#x27;"
        )
    for _, words in ADULT_TESTS:
        assert words in page
    assert "Decide as if no carer were helping them" in page
    assert "regulation 2" in page


def test_an_eligible_decision_is_recorded_with_each_outcome_and_what_they_said(
    signed_in, person, practitioner
):
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3)
    assert send(signed_in, conversation, "eligibility", eligible_answers()).status_code == 302
    conversation.refresh_from_db()
    assert conversation.eligible == "yes"
    assert conversation.eligibility_outcomes == {
        "a": {"tests": ["a"], "said": "I can't stand at the cooker for long"},
        "b": {"tests": ["b", "d"], "said": ""},
        "c": {"tests": [], "said": "I manage the toilet fine"},
    }
    page = signed_in.get(reverse("conversations:detail", args=[conversation.code])).content
    page = page.decode()
    assert "Managing and maintaining nutrition" in page
    assert "Unable to achieve it: (a) is unable to achieve it without assistance" in page
    assert "they is" not in page
    assert "What they said: I can" in page
    assert "Able to achieve it" in page  # toilet needs: talked about, achieved


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unable_b": []}, "only if they are unable to achieve two or more outcomes"),
        ({"eligibility_needs_arise": "no"}, "only if they arise this way"),
        (
            {"eligibility_wellbeing_impact": "no", "eligibility_wellbeing_areas": []},
            "significant impact",
        ),
        ({"eligibility_reasons": ""}, "Enter the reasons for the decision"),
        ({"eligibility_decided_on_0": ""}, "When was the decision made"),
        ({"ordinary_residence": "elsewhere"}, "Enter which council"),
        ({"eligibility_wellbeing_areas": []}, "Select the parts of their wellbeing"),
        ({"eligible": "no"}, "Enter the advice and information we gave"),
        ({"unable_a": ["z"]}, "Select only the ways shown"),
        ({"eligible": "perhaps"}, "Select whether their needs meet the eligibility criteria"),
    ],
)
def test_a_decision_the_answers_do_not_support_is_refused_and_the_typing_kept(
    signed_in, person, practitioner, changes, message
):
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3)
    page = send(signed_in, conversation, "eligibility", eligible_answers(**changes))
    text = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in text and message in text
    assert "I can&#x27;t stand at the cooker for long" in text  # the typing kept
    assert 'name="version"' in text  # so that saving again is not refused as stale
    conversation.refresh_from_db()
    assert conversation.eligible == "" and conversation.eligibility_outcomes == {}


def test_not_eligible_with_advice_is_accepted(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3)
    answers = eligible_answers(
        eligible="no",
        unable_b=[],
        eligibility_advice="The lunch club at St Mark's, and the handyperson scheme",
    )
    assert send(signed_in, conversation, "eligibility", answers).status_code == 302
    conversation.refresh_from_db()
    assert conversation.eligible == "no"
    assert "plan" not in [s.slug for s in sections_for(conversation)]


def test_a_carer_is_decided_against_regulation_3_where_one_outcome_is_enough(
    signed_in, person, practitioner
):
    conversation = ConversationFactory(person=person, practitioner=practitioner, kind="carers")
    url = reverse("conversations:section", args=[conversation.code, "eligibility"])
    page = signed_in.get(url).content.decode()
    assert "regulation 3" in page and "providing necessary care" in page
    for _, words in CARER_TESTS:
        assert words in page
    assert "takes significantly longer" not in page  # reg. 3(3) has three tests
    assert "Engaging in recreational activities" in page
    answers = eligible_answers(
        unable_a=[],
        said_a="",
        unable_b=[],
        unable_c=[],
        said_c="",
        unable_vi=["b"],
        eligibility_health_at_risk="no",
    )
    assert send(signed_in, conversation, "eligibility", answers).status_code == 302
    conversation.refresh_from_db()
    assert conversation.eligibility_outcomes == {"vi": {"tests": ["b"], "said": ""}}
    assert CARER_OUTCOMES[5][0] == "vi"


def test_a_carer_with_no_outcome_unachieved_needs_their_health_at_risk(
    signed_in, person, practitioner
):
    conversation = ConversationFactory(person=person, practitioner=practitioner, kind="carers")
    none_unable = {"unable_a": [], "unable_b": [], "said_a": ""}
    answers = eligible_answers(eligibility_health_at_risk="no", **none_unable)
    page = send(signed_in, conversation, "eligibility", answers).content.decode()
    assert "their health is at risk or they are unable to achieve at least one outcome" in page
    answers = eligible_answers(eligibility_health_at_risk="yes", **none_unable)
    assert send(signed_in, conversation, "eligibility", answers).status_code == 302


def decided(person, practitioner, kind="one_to_one", **changes) -> Conversation:
    fields = {
        "eligibility_needs_arise": "yes",
        "eligibility_outcomes": {
            "a": {"tests": ["a"], "said": "I can't stand at the cooker"},
            "e": {"tests": ["c"], "said": ""},
        },
        "eligibility_wellbeing_impact": "yes",
        "eligibility_wellbeing_areas": ["b", "i"],
        "eligible": "yes",
        "eligibility_reasons": "You cannot cook or move about your home safely without help",
        "ordinary_residence": "here",
        "eligibility_decided_on": timezone.localdate(),
    }
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3, kind=kind)
    return complete_conversation(conversation, **{**fields, **changes})


def test_the_decision_letter_tells_them_the_decision_the_reasons_and_how_to_challenge_it(
    signed_in, person, practitioner, team_lead
):
    conversation = decided(person, practitioner)
    url = reverse("own_copy:decision_letter", args=[conversation.code])
    page = signed_in.get(url).content.decode()
    assert "Draft." in page  # not signed off yet
    assert "Our decision about care and support" in page
    assert "your needs meet the eligibility criteria for care and support" in page
    assert "You cannot cook or move about your home safely without help" in page
    assert (
        "Managing and maintaining nutrition: you are unable to achieve it without assistance"
        in page
    )
    assert "Being able to make use of your home safely: you are able to achieve it without" in page
    assert "your contribution to society" in page
    assert "ask us to" in page and "look at it again" in page
    assert "How to complain" in page and "Local Government and Social Care Ombudsman" in page
    assert "the adult" not in page and "the individual" not in page
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    page = signed_in.get(url).content.decode()
    assert "Draft." not in page


def test_a_not_eligible_letter_gives_the_advice(signed_in, person, practitioner):
    conversation = decided(
        person,
        practitioner,
        eligible="no",
        eligibility_advice="The handyperson scheme can fit a second stair rail",
        ordinary_residence="elsewhere",
        ordinary_residence_council="Northshire County Council",
    )
    page = signed_in.get(reverse("own_copy:decision_letter", args=[conversation.code]))
    text = page.content.decode()
    assert "do not meet the eligibility criteria" in text
    assert "Advice and information to help you now" in text
    assert "The handyperson scheme can fit a second stair rail" in text
    assert "Northshire County Council" in text


def test_a_carers_letter_speaks_of_support_for_them_as_a_carer(signed_in, person, practitioner):
    conversation = decided(
        person, practitioner, kind="carers", eligibility_outcomes={"viii": {"tests": ["a"]}}
    )
    page = signed_in.get(reverse("own_copy:decision_letter", args=[conversation.code]))
    text = page.content.decode()
    assert "Our decision about support for you as a carer" in text
    assert "Engaging in recreational activities: you are unable" in text


def test_a_record_without_a_decision_has_no_letter(signed_in, person, practitioner):
    conversation = ConversationFactory(person=person, practitioner=practitioner, stage=3)
    for name in ["decision_letter", "plan_letter", "decision_letter_pdf", "plan_letter_pdf"]:
        url = reverse(f"own_copy:{name}", args=[conversation.code])
        assert signed_in.get(url).status_code == 404


def test_the_letter_is_out_of_reach_of_another_team(
    client, other_practitioner, person, practitioner
):
    conversation = decided(person, practitioner)
    client.force_login(other_practitioner)
    url = reverse("own_copy:decision_letter", args=[conversation.code])
    assert client.get(url).status_code == 404


def test_the_letter_prints_as_a_pdf(signed_in, person, practitioner):
    conversation = decided(person, practitioner)
    response = signed_in.get(reverse("own_copy:decision_letter_pdf", args=[conversation.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "draft-decision-letter" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
