"""The practice prompts a reviewer reads before deciding: the questions a principal social
worker asks of a strengths-based record, each beside what this record holds."""

from dataclasses import dataclass

from .models import Conversation


@dataclass(frozen=True)
class Finding:
    what: str
    found: str  # what the record holds, in a few words


@dataclass(frozen=True)
class Prompt:
    question: str
    findings: list[Finding]


def _written(conversation: Conversation, *names: str, reason: str = "") -> str:
    if any(getattr(conversation, name) for name in names):
        return "Written"
    if reason and getattr(conversation, reason):
        return f"Not talked about: {getattr(conversation, reason)}"
    return "Nothing written"


def review_prompts(conversation: Conversation) -> list[Prompt]:
    c = conversation
    return [
        Prompt(
            "Is the person's voice there?",
            [
                Finding("What matters to them, in their own words", _written(c, "what_matters")),
                Finding("What has helped them, in their words", _written(c, "strengths_own_words")),
            ],
        ),
        Prompt(
            "Are relationships and contributions recorded?",
            [
                Finding(
                    "Relationships",
                    _written(
                        c,
                        "relationships_important",
                        "relationships_help",
                        "relationships_in_the_way",
                        reason="relationships_not_discussed",
                    ),
                ),
                Finding("What they give", _written(c, "contributions")),
                Finding(
                    "Community", _written(c, "community_assets", reason="community_not_discussed")
                ),
            ],
        ),
        Prompt(
            "Were needs and dependency attended to?",
            [
                Finding("Where they need support from others", _written(c, "needs")),
                Finding("What worries them, or others", _written(c, "risks")),
            ],
        ),
    ]
