from accounts.models import User

from .models import Conversation, RecordLocked
from .sections import missing_sections


class IncompleteRecord(Exception):
    def __init__(self, missing):
        super().__init__("Some sections are not complete")
        self.missing = missing


def conversation_submit(*, conversation: Conversation, by: User) -> None:
    """Submits a draft for review once every section it needs is complete."""
    if not conversation.is_draft:
        raise RecordLocked("Only a draft can be submitted")
    if missing := missing_sections(conversation):
        raise IncompleteRecord(missing)
    conversation.submit(by=by)


def starting_stage(person) -> int:
    """The stage a new conversation starts at, from the outcome of the person's last one."""
    last = person.conversations.exclude(outcome="").order_by("-date", "-created_at").first()
    if last is None:
        return Conversation.Stage.LISTEN_AND_CONNECT
    return {
        Conversation.Outcome.MOVE_TO_STAGE_2: Conversation.Stage.CRISIS,
        Conversation.Outcome.MOVE_TO_STAGE_3: Conversation.Stage.GOOD_LIFE,
        Conversation.Outcome.SAME_STAGE: last.stage,
    }.get(last.outcome, Conversation.Stage.LISTEN_AND_CONNECT)
