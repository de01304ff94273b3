"""The pages that bring a person's record together, across the apps that keep it: the
signed-in user's home page, the person's page, and every change to their record."""

import datetime
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.requests import AuthenticatedHttpRequest
from audit.log import record_views
from case_notes.models import CaseNote
from community.models import CommunityResource, Connection
from conversations.models import Action, Conversation
from conversations.plans import care_and_support, review_due
from emergency_access.selectors import waiting_for_approval
from history.changes import changes, newest_first
from mental_capacity.models import CapacityAssessment, DecisionMaker
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person
from people.views import get_person_for_user
from quality_audit.selectors import months_with_progress
from safeguarding.models import SafeguardingConcern
from safeguarding.selectors import open_concerns_of

from .selectors import administrator_home, lead_home

PEOPLE_PER_PAGE = 25
MOST_ON_HOME = 50
TIMELINE_LENGTH = 50
ACTIONS_DUE_WITHIN_DAYS = 14
MOST_MONTHS_ON_HOME = 3
CHANGES_PER_PAGE = 50


@login_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's starting point: the people they work with, if any; for a lead,
    what waits for them in their teams; for an administrator, what the service needs; for the
    principal social worker, the quality audit."""
    if request.user.audits_record_quality and not request.user.works_with_people:
        latest = list(months_with_progress(request.user)[:MOST_MONTHS_ON_HOME])
        return render(request, "overview/principal_social_worker_home.html", {"months": latest})
    my_people = (
        Person.objects.visible_to(request.user)
        .filter(practitioner=request.user, status=Person.Status.OPEN)
        .select_related("team")
        .order_by("family_name", "given_names")
    )
    page = Paginator(my_people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    my_conversations = Conversation.objects.visible_to(request.user).filter(
        practitioner=request.user
    )
    drafts = my_conversations.filter(status=Conversation.Status.DRAFT).select_related("person")
    due_soon = timezone.localdate() + datetime.timedelta(days=ACTIONS_DUE_WITHIN_DAYS)
    actions = (
        Action.objects.visible_to(request.user)
        .to_remind()
        .filter(conversation__practitioner=request.user, due__lte=due_soon)
        .select_related("conversation__person", "member")
        .order_by("due", "pk")
    )
    drafts_shown, actions_shown = list(drafts[:MOST_ON_HOME]), list(actions[:MOST_ON_HOME])
    reviews_soon = timezone.localdate() + datetime.timedelta(days=settings.REVIEWS_DUE_DAYS_AHEAD)
    reviews = list(
        my_people.annotate(review_due=review_due())
        .filter(review_due__lte=reviews_soon)
        .order_by("review_due", "pk")[:MOST_ON_HOME]
    )
    shown = [
        *page.object_list,
        *(d.person for d in drafts_shown),
        *(a.conversation.person for a in actions_shown),
        *reviews,
    ]
    lead = lead_home(request.user) if request.user.reviews_records else None
    if lead:
        shown += lead.shown
    record_views(request, shown)
    context = {
        "lead": lead,
        "administrator": administrator_home() if request.user.manages_directory else None,
        "page": page,
        "drafts": drafts_shown,
        "actions": actions_shown,
        "due_within_days": ACTIONS_DUE_WITHIN_DAYS,
        "reviews": reviews,
        "reviews_within_days": settings.REVIEWS_DUE_DAYS_AHEAD,
        "today": timezone.localdate(),
        "emergency_waiting": (
            waiting_for_approval().count() if request.user.governs_information else 0
        ),
    }
    return render(request, "overview/home.html", context)


@login_required
@require_GET
def person_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    care = care_and_support(person, request.user)
    record_views(request, care.shown)
    context = {
        "person": person,
        "care": care,
        "conversations": person.conversations.select_related("practitioner")[:TIMELINE_LENGTH],
        "connections": person.connections.select_related("resource")[:MOST_ON_HOME],
        "network_measures": person.network_members.measures(
            first_contact=person.first_contact_date
        ),
        "actions": Action.objects.filter(conversation__person=person)
        .open()
        .select_related("conversation__practitioner", "member")
        .order_by("due", "pk")[:MOST_ON_HOME],
        "safeguarding_concerns": open_concerns_of(person),
    }
    return render(request, "overview/person.html", context)


@login_required
@require_GET
def person_changes(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
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
        changes(
            SafeguardingConcern.history.filter(person_id=person.pk),
            lambda v: f"Safeguarding concern raised on {v.raised_on:%-d %B %Y}",
        ),
        changes(
            CaseNote.history.filter(person_id=person.pk),
            lambda v: f"Note of {v.date:%-d %B %Y}: {v.get_kind_display().lower()}",
        ),
        changes(
            DecisionMaker.history.filter(person_id=person.pk),
            lambda v: f"Who may decide for them: {v.get_kind_display().lower()}",
        ),
        changes(
            CapacityAssessment.history.filter(person_id=person.pk),
            lambda v: f"Capacity assessment of {v.assessed_on:%-d %B %Y}",
        ),
    )
    page = Paginator(found, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "overview/changes.html", {"person": person, "page": page})


def _conversation(version) -> str:
    when = f"{version.date:%-d %B %Y}" if version.date else "undated"
    return f"Conversation {version.stage}, {when}"
