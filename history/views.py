from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from community.models import CommunityResource, Connection
from conversations.models import Action, Conversation
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person
from people.views import get_person_for_user

from .changes import changes, newest_first

CHANGES_PER_PAGE = 50


@login_required
@require_GET
def person_changes(request: HttpRequest, code: UUID) -> HttpResponse:
    """Every change to the person's record and what hangs from it, newest first."""
    person = get_person_for_user(request, code)
    conversations = Conversation.objects.filter(person=person).values("pk")
    connections = Connection.history.filter(person_id=person.pk)
    resources = CommunityResource.objects.in_bulk(
        set(connections.values_list("resource_id", flat=True))
    )
    members = dict(NetworkMember.objects.filter(person=person).values_list("pk", "name"))
    found = newest_first(
        changes(Person.history.filter(id=person.pk), lambda v: "Their details"),
        changes(Conversation.history.filter(person_id=person.pk), _conversation),
        changes(
            Action.history.filter(conversation_id__in=conversations),
            lambda v: f"Agreed action: {v.what[:60]}",
        ),
        changes(NetworkMember.history.filter(person_id=person.pk), lambda v: f"Network: {v.name}"),
        changes(
            ReciprocityNote.history.filter(Q(member__person=person) | Q(connection__person=person)),
            lambda v: f"Reciprocity note about {members.get(v.member_id, 'a connection')}",
        ),
        changes(
            connections,
            lambda v: f"Community connection: {resources[v.resource_id].name}",
        ),
        changes(
            MeetingAttendance.history.filter(conversation_id__in=conversations),
            lambda v: f"Who came to a network meeting: {members.get(v.member_id, 'someone')}",
        ),
    )
    page = Paginator(found, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "history/person_changes.html", {"person": person, "page": page})


def _conversation(version) -> str:
    when = f"{version.date:%-d %B %Y}" if version.date else "undated"
    return f"Conversation {version.stage}, {when}"
