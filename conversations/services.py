from django.db import transaction

from accounts.models import User
from community.models import CommunityResource
from community.services import connection_create, connection_update
from networks.models import NetworkMember
from networks.services import attendance_save, network_member_add, network_member_tie_change
from people.models import Person

from .models import Action, ConnectionTalkedAbout, Conversation, RecordLocked, TieTalkedAbout
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
def conversation_add(
    *, conversation: Conversation, person: Person, by: User, cares_for: Person | None = None
) -> Conversation:
    """Saves a new draft (checked by `AboutForm`) with the person, recorded by `by`; a
    carer's conversation names the person they care for, `cares_for`."""
    conversation.person = person
    conversation.practitioner = by
    if conversation.kind == Conversation.Kind.CARERS and cares_for != person:
        conversation.cares_for = cares_for
    conversation.save_by(by)
    return conversation


@transaction.atomic
def conversation_section_save(*, section: Section, form, by: User) -> None:
    """Saves one section of a draft from its checked form: the conversation's own answers,
    or who came to a network meeting."""
    if isinstance(section, AttendeesSection):
        attendance_save(
            conversation=form.conversation,
            offered=form.offered(),
            offered_back=form.offered("offered_back"),
            removed=form.removed(),
            by=by,
        )
    else:
        form.instance.save_by(by)


@transaction.atomic
def action_add(*, action: Action, conversation: Conversation, by: User) -> Action:
    """Adds an agreed action (checked by `ActionForm`) to the conversation."""
    action.conversation = conversation
    action.save_by(by)
    return action


def said_in(conversation: Conversation) -> str:
    """Where a change to the network came from, as its version's reason says it."""
    when = conversation.date.strftime("%-d %B %Y") if conversation.date else "not yet dated"
    return f"From the conversation on {when}"


@transaction.atomic
def tie_talked_about_save(*, form, by: User) -> TieTalkedAbout:
    """Saves what was said of a tie (checked by `TieTalkedAboutForm`), and makes a change in
    the tie that it records to the network at once, saying which conversation it came from."""
    tie = form.instance
    if change := form.new_change:
        network_member_tie_change(
            member=tie.member,
            change=change,
            because=said_in(tie.conversation),
            by=by,
            on=form.cleaned_data.get("ended_on"),
            reason=form.cleaned_data.get("end_reason", ""),
        )
    tie.save_by(by)
    return tie


@transaction.atomic
def tie_add(*, member: NetworkMember, conversation: Conversation, by: User) -> TieTalkedAbout:
    """Adds someone (checked by `NetworkMemberForm`) to the person's network from a
    conversation, which then records that they joined it there."""
    network_member_add(
        member=member, person=conversation.person, by=by, because=said_in(conversation)
    )
    added = TieTalkedAbout.Change.ADDED
    tie = TieTalkedAbout(conversation=conversation, member=member, change=added)
    tie.save_by(by)
    return tie


@transaction.atomic
def connection_talked_about_save(
    *, form, conversation: Conversation, resource: CommunityResource, by: User
) -> ConnectionTalkedAbout:
    """Makes or changes the person's connection to `resource` as discussed in the
    conversation (checked by `ConnectionForm`), at once, and lists it with the conversation."""
    connection = form.instance
    made_here = connection.pk is None
    if made_here:
        person = conversation.person
        connection_create(connection=connection, person=person, resource=resource, by=by)
    else:
        connection_update(connection=connection, by=by)
    talked_about = conversation.connections_talked_about.filter(connection=connection).first()
    if talked_about is None:
        talked_about = ConnectionTalkedAbout(
            conversation=conversation, connection=connection, made_here=made_here
        )
        talked_about.save_by(by)
    return talked_about
