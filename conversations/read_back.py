"""Reading a record back with the person: the parts of it that may go in their own copy.

A practitioner writes the record about the person; their copy is written to them. A part
goes in the copy only once the practitioner has checked it with the person (its words are
theirs, or were agreed with them), and only in the words checked: a part changed since is
left out until it is checked again. What the practitioner noticed about their strengths is
offered to the person, never printed unseen. Nothing rewrites pronouns.
"""

import hashlib
from dataclasses import dataclass

from django.utils.formats import date_format

from .models import Conversation


@dataclass(frozen=True)
class Part:
    name: str  # the conversation's field, or "actions" for its agreed actions
    heading: str  # the copy's heading, written to the person
    checking: str  # what the practitioner checks on the read-back page


ACTIONS = "actions"
DECISION = "asked_decision"
ELIGIBILITY = "eligible"
PARTS = [
    Part("what_matters", "What matters to you", "What matters to them"),
    Part(
        "strengths_own_words",
        "What you are proud of, and what gets you through",
        "What has helped them through hard times",
    ),
    Part(
        "strengths_noticed",
        "What we noticed about you",
        "What you noticed about their strengths: you offered it to them, and they want it "
        "in their copy",
    ),
    Part("contributions", "What you give to others", "What they give to others"),
    Part("relationships_important", "Who matters to you", "Who is important to them"),
    Part(
        "community_assets",
        "Places and groups we talked about",
        "The places, groups or people nearby you talked about",
    ),
    Part(
        "meeting_question",
        "What you asked of the people around you",
        "What they asked of their network",
    ),
    Part("meeting_plan", "Your family's own plan", "The family's own plan"),
    Part("needs", "Where you want help, and who helps now", "Where they need support"),
    Part("managing_risk", "How you want to stay safe", "How they want to manage risks"),
    Part("asked_of_us", "What you asked of us", "What they asked of us"),
    Part(DECISION, "What we decided, and why", "What we decided, and why"),
    Part("asked_next", "What happens next", "What happens next, after our decision"),
    Part(
        "urgent_support",
        "What we put in place straight away",
        "What was put in place straight away",
    ),
    Part("crisis_plan", "Your plan for now", "The crisis plan"),
    Part(
        "carer_wellbeing",
        "How caring affects you",
        "How caring affects their wellbeing (a carer\u2019s conversation)",
    ),
    Part(
        "carer_work_life",
        "Your work, learning and time for yourself",
        "Their work, education and time for themselves",
    ),
    Part(
        "review_what_worked",
        "Looking back at your plan: what has worked",
        "What has worked in their plan, and what has not",
    ),
    Part("good_life_vision", "A good life, for you", "What a good life looks like for them"),
    Part("good_life_what_it_takes", "What it will take", "What it will take to get there"),
    Part(
        ELIGIBILITY,
        "Our decision about care and support, and why",
        "The eligibility decision and its reasons (their letter says it in full)",
    ),
    Part(
        "plan_by_network",
        "Your plan: what the people around you will do",
        "What their network will do in the plan",
    ),
    Part(
        "plan_by_community",
        "Your plan: your community",
        "What their community connections will do in the plan",
    ),
    Part("plan_funded", "Your plan: support we pay for", "The funded support in the plan"),
    Part(ACTIONS, "What we agreed: what, who and by when", "The agreed actions"),
]


def action_line(action) -> str:
    """An agreed action as the person's copy says it: what, who, by when."""
    if action.who == action.Who.PERSON:
        who = "you"
    elif action.who == action.Who.PRACTITIONER:
        who = str(action.conversation.practitioner)
    elif action.member_id:
        who = action.member.name
    else:
        who = action.who_name or action.get_who_display()
    due = f", by {date_format(action.due, 'j F Y')}" if action.due else ""
    return f"{action.what}: {who}{due}"


def words_of(conversation: Conversation, name: str) -> str:
    """The words of one part of the record, as they stand."""
    if name == ACTIONS:
        # All of them (prefetched by the copy, with their members), oldest first.
        actions = sorted(conversation.actions.all(), key=lambda action: action.pk)
        return "\n".join(action_line(action) for action in actions)
    if name == ELIGIBILITY:
        if not conversation.eligible:
            return ""
        meet = "meet" if conversation.eligible == Conversation.YesNo.YES else "do not meet"
        return f"Your needs {meet} the eligibility criteria. {conversation.eligibility_reasons}"
    if name == DECISION:
        decided = conversation.get_asked_decision_display() if conversation.asked_decision else ""
        return ". ".join(filter(None, [decided, conversation.asked_reasons]))
    return getattr(conversation, name) or ""


def digest(words: str) -> str:
    return hashlib.sha256(words.encode()).hexdigest()[:32]


def parts_written(conversation: Conversation) -> list[tuple[Part, str]]:
    """The parts of the record that have words, with their words."""
    written = [(part, words_of(conversation, part.name)) for part in PARTS]
    return [(part, words) for part, words in written if words.strip()]


def checked_parts(conversation: Conversation) -> list[tuple[Part, str]]:
    """The parts checked with the person, in the words they were checked in."""
    checked = conversation.checked_with_person or {}
    return [
        (part, words)
        for part, words in parts_written(conversation)
        if checked.get(part.name) == digest(words)
    ]


def check_parts(conversation: Conversation, names: list[str]) -> None:
    """Marks the named parts as checked with the person, in their words as they stand now
    (the caller saves the conversation)."""
    words = {part.name: text for part, text in parts_written(conversation)}
    conversation.checked_with_person = {
        name: digest(words[name]) for name in names if name in words
    }
