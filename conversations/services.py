from django.db import transaction

from accounts.models import User
from networks.services import attendance_save
from people.models import Person

from .models import Action, Conversation, RecordLocked
from .sections import AttendeesSection, Section, missing_sections


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


@transaction.atomic
def conversation_add(*, conversation: Conversation, person: Person, by: User) -> Conversation:
    """Saves a new draft (checked by `AboutForm`) with the person, recorded by `by`."""
    conversation.person = person
    conversation.practitioner = by
    conversation.save_by(by)
    return conversation


@transaction.atomic
def conversation_section_save(*, section: Section, form, by: User) -> None:
    """Saves one section of a draft from its checked form: the conversation's own answers,
    or who came to a network meeting."""
    if isinstance(section, AttendeesSection):
        attendance_save(
            conversation=form.conversation, offered=form.offered(), removed=form.removed(), by=by
        )
    else:
        form.instance.save_by(by)


@transaction.atomic
def action_add(*, action: Action, conversation: Conversation, by: User) -> Action:
    """Adds an agreed action (checked by `ActionForm`) to the conversation."""
    action.conversation = conversation
    action.save_by(by)
    return action
