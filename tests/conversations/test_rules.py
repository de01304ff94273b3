import pytest

from conversations.models import Conversation, RecordLocked
from conversations.sections import COMPLETED, IN_PROGRESS, NOT_STARTED, missing_sections
from conversations.services import IncompleteRecord, conversation_submit, starting_stage
from tests.factories import ConversationFactory, complete_conversation


@pytest.fixture
def conversation(person, practitioner):
    return ConversationFactory(person=person, practitioner=practitioner)


def slugs(sections) -> list[str]:
    return [section.slug for section in sections]


def test_it_needs_the_core_sections_before_submitting(conversation, practitioner):
    assert slugs(missing_sections(conversation)) == [
        "what-matters",
        "strengths",
        "relationships",
        "community",
        "needs-and-risks",
        "outcome",
        "reading-back",
    ]
    with pytest.raises(IncompleteRecord):
        conversation_submit(conversation=conversation, by=practitioner)
    assert Conversation.objects.get().is_draft


@pytest.mark.parametrize("kind", [kind for kind, _ in Conversation.Kind.choices])
@pytest.mark.parametrize("stage", [stage for stage, _ in Conversation.Stage.choices])
def test_no_level_of_focus_is_skipped_silently_at_any_stage_or_kind(conversation, kind, stage):
    complete_conversation(
        conversation, kind=kind, stage=stage, relationships_important="", community_assets=""
    )
    missing = slugs(missing_sections(conversation))
    assert "relationships" in missing and "community" in missing
    assert "what-matters" not in missing and "strengths" not in missing


def test_a_reason_completes_relationships_or_community_but_not_a_network_meetings(conversation):
    from conversations.sections import section_by_slug

    complete_conversation(
        conversation,
        relationships_important="",
        community_assets="",
        relationships_not_discussed="They did not want to talk about family today",
        community_not_discussed="They wanted to settle at home first",
    )
    assert section_by_slug(conversation, "relationships").status(conversation) == COMPLETED
    assert section_by_slug(conversation, "community").status(conversation) == COMPLETED
    conversation.kind = Conversation.Kind.NETWORK_MEETING
    assert section_by_slug(conversation, "relationships").status(conversation) == IN_PROGRESS
    assert "relationships" in slugs(missing_sections(conversation))
    conversation.relationships_important = "Pat and Jo came; both want to help with shopping"
    assert section_by_slug(conversation, "relationships").status(conversation) == COMPLETED


def test_it_adds_the_crisis_plan_at_stage_2_and_the_good_life_at_stage_3(conversation):
    complete_conversation(conversation, stage=2)
    assert slugs(missing_sections(conversation)) == ["crisis-plan"]
    conversation.stage = 3
    assert slugs(missing_sections(conversation)) == ["good-life"]


def test_it_tells_a_section_not_started_in_progress_or_completed(conversation):
    from conversations.sections import section_by_slug

    strengths = section_by_slug(conversation, "strengths")
    assert strengths.status(conversation) == NOT_STARTED
    conversation.strengths_own_words = "My garden"
    assert strengths.status(conversation) == IN_PROGRESS
    conversation.strengths_noticed = "Patience"
    assert strengths.status(conversation) == COMPLETED


def test_it_moves_through_submitted_to_signed_off(conversation, practitioner, team_lead):
    complete_conversation(conversation)
    conversation_submit(conversation=conversation, by=practitioner)
    assert conversation.status == Conversation.Status.SUBMITTED
    assert not conversation.can_be_edited_by(practitioner)
    conversation.sign_off(by=team_lead)
    assert conversation.is_signed_off and conversation.reviewed_by == team_lead
    assert not conversation.can_be_edited_by(team_lead)


def test_it_returns_to_draft_only_with_a_comment(conversation, practitioner, team_lead):
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    with pytest.raises(ValueError):
        conversation.return_to_draft(by=team_lead, comment="  ")
    conversation.return_to_draft(by=team_lead, comment="Say more about her network")
    assert conversation.is_draft and conversation.review_comment == "Say more about her network"


def test_a_lead_cannot_sign_off_their_own_record(person, team_lead):
    conversation = complete_conversation(ConversationFactory(person=person, practitioner=team_lead))
    conversation.submit(by=team_lead)
    with pytest.raises(RecordLocked):
        conversation.sign_off(by=team_lead)


def test_a_practitioner_or_other_teams_lead_cannot_sign_off(conversation, practitioner, other_team):
    from accounts.models import Role
    from tests.factories import UserFactory

    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    other_lead = UserFactory(teams=[other_team], roles=[Role.TEAM_LEAD])
    for user in [practitioner, other_lead]:
        with pytest.raises(RecordLocked):
            conversation.sign_off(by=user)


def test_it_takes_addenda_only_on_a_signed_off_record(conversation, practitioner, team_lead):
    with pytest.raises(RecordLocked):
        conversation.add_addendum(text="Later", by=practitioner)
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    addendum = conversation.add_addendum(text="She has joined the choir", by=practitioner)
    assert addendum.author == practitioner and addendum.created_at


@pytest.mark.parametrize(
    ("outcome", "stage"),
    [("stage_2", 2), ("stage_3", 3), ("resolved", 1), ("referred_on", 1)],
)
def test_it_starts_the_next_conversation_from_the_last_outcome(conversation, outcome, stage):
    complete_conversation(conversation, outcome=outcome)
    assert starting_stage(conversation.person) == stage


def test_it_starts_at_the_same_stage_when_asked(conversation):
    complete_conversation(conversation, stage=2, outcome="same_stage")
    assert starting_stage(conversation.person) == 2
