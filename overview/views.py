"""The pages that bring a person's record together, across the apps that keep it: the
signed-in user's home page, the person's page, and every change to their record."""

from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.permissions import works_with_people
from accounts.requests import AuthenticatedHttpRequest
from audit.log import record_views
from case_notes.models import CaseNote
from community.models import CommunityResource, Connection
from conversations.models import Action, Conversation
from conversations.plans import care_and_support
from emergency_access.selectors import waiting_for_approval
from govuk.forms import questions_asked
from history.changes import changes, newest_first
from mental_capacity.models import CapacityAssessment, DecisionMaker
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person
from people.selectors import page_of
from people.views import get_person_for_user
from quality_audit.selectors import months_with_progress
from safeguarding.models import SafeguardingConcern
from safeguarding.selectors import open_concerns_of

from .selectors import (
    ACTIONS_DUE_WITHIN_DAYS,
    administrator_home,
    by_name,
    first_few,
    lead_home,
    my_actions_due,
    my_drafts,
    my_people,
    on_person_page,
    reviews_due_of,
)

PEOPLE_PER_PAGE = 25
FIRST_ON_HOME = 10  # of the drafts, actions and reviews due; each has a page with them all
ROWS_PER_PAGE = 25
MOST_ON_HOME = 50
TIMELINE_LENGTH = 50
MOST_MONTHS_ON_HOME = 3
CHANGES_PER_PAGE = 50
# What the person's page shows of each conversation, connection and action: loading and
# compiling every column of these wide models was most of the page's time.
TIMELINE_SHOWN = [
    "person",  # the related manager sets each row's person
    "code",
    "date",
    "stage",
    "kind",
    "status",
    "outcome",
    "next_date",
    "practitioner__full_name",
    "practitioner__email",
]
CONNECTION_SHOWN = [
    "person",
    "code",
    "status",
    "role",
    "resource__code",
    "resource__name",
    "resource__last_verified",
]
ACTION_SHOWN = ["code", "what", "who", "who_name", "due", "done", "member__name"]


@login_required
@require_GET
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's starting point: the people they work with, if any, and the first
    few of their drafts, actions due and reviews due; for a lead, what waits for them in their
    teams; for an administrator, what the service needs; for the principal social worker, the
    quality audit."""
    if request.user.audits_record_quality and not request.user.works_with_people:
        latest = list(months_with_progress(request.user)[:MOST_MONTHS_ON_HOME])
        return render(request, "overview/principal_social_worker_home.html", {"months": latest})
    people = my_people(request.user)
    page = page_of(by_name(people), request.GET.get("page"), PEOPLE_PER_PAGE)
    drafts = first_few(my_drafts(request.user), FIRST_ON_HOME)
    actions = first_few(my_actions_due(request.user), FIRST_ON_HOME)
    reviews = first_few(reviews_due_of(people), FIRST_ON_HOME)
    shown = [
        *page.object_list,
        *(draft.person for draft in drafts.rows),
        *(action.conversation.person for action in actions.rows),
        *reviews.rows,
    ]
    lead = lead_home(request.user) if request.user.reviews_records else None
    if lead:
        shown += lead.shown
    record_views(request, shown)
    context: dict[str, object] = {
        "lead": lead,
        "administrator": administrator_home() if request.user.manages_directory else None,
        "page": page,
        "drafts": drafts,
        "actions": actions,
        "due_within_days": ACTIONS_DUE_WITHIN_DAYS,
        "reviews": reviews,
        "reviews_within_days": settings.REVIEWS_DUE_DAYS_AHEAD,
        "today": timezone.localdate(),
        "emergency_waiting": (
            waiting_for_approval().count() if request.user.governs_information else 0
        ),
    }
    if lead:
        # The navigation's count of records to review is the lead's own: counted once.
        context["records_to_review"] = lead.waiting_count
    return render(request, "overview/home.html", context)


@login_required
@works_with_people
@require_GET
def drafts_to_finish(request: AuthenticatedHttpRequest) -> HttpResponse:
    """All the drafts the user is writing, a page at a time, newest first."""
    page = Paginator(my_drafts(request.user), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, (draft.person for draft in page.object_list))
    return render(request, "overview/drafts.html", {"page": page})


@login_required
@works_with_people
@require_GET
def actions_due(request: AuthenticatedHttpRequest) -> HttpResponse:
    """All the open actions of the user's conversations due soon or overdue, a page at a time."""
    page = Paginator(my_actions_due(request.user), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, (action.conversation.person for action in page.object_list))
    context = {"page": page, "due_within_days": ACTIONS_DUE_WITHIN_DAYS}
    return render(request, "overview/actions.html", context)


@login_required
@works_with_people
@require_GET
def reviews_due(request: AuthenticatedHttpRequest) -> HttpResponse:
    """All the user's people whose plan is due for review soon or overdue, a page at a time."""
    reviews = reviews_due_of(my_people(request.user))
    page = Paginator(reviews, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, page.object_list)
    context = {
        "page": page,
        "reviews_within_days": settings.REVIEWS_DUE_DAYS_AHEAD,
        "today": timezone.localdate(),
    }
    return render(request, "overview/reviews.html", context)


@login_required
@require_GET
def person_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    care = care_and_support(person, request.user)
    record_views(request, care.shown)
    has = on_person_page(person, request.user)
    conversations = person.conversations.select_related("practitioner").only(*TIMELINE_SHOWN)
    connections = person.connections.select_related("resource").only(*CONNECTION_SHOWN)
    actions = (
        Action.objects.filter(conversation__person=person)
        .open()
        .select_related("member")
        .only(*ACTION_SHOWN)
        .order_by("due", "pk")
    )
    context = {
        "person": person,
        "has": has,
        "care": care,
        "conversations": conversations[:TIMELINE_LENGTH],
        "connections": connections[:MOST_ON_HOME],
        "network_measures": person.network_members.measures(
            first_contact=person.first_contact_date
        ),
        "actions": actions[:MOST_ON_HOME],
        "safeguarding_concerns": open_concerns_of(person) if has.open_concern else [],
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
        changes(
            Person.history.filter(id=person.pk), lambda v: "Their details", questions_asked(Person)
        ),
        changes(
            Conversation.history.filter(person_id=person.pk),
            _conversation,
            questions_asked(Conversation),
        ),
        changes(
            Action.history.filter(conversation_id__in=conversations),
            lambda v: f"Agreed action: {v.what[:60]}",
            questions_asked(Action),
        ),
        changes(
            NetworkMember.history.filter(person_id=person.pk),
            lambda v: f"Network: {v.name}",
            questions_asked(NetworkMember),
        ),
        changes(
            ReciprocityNote.history.filter(Q(member__person=person) | Q(connection__person=person)),
            lambda v: f"Reciprocity note about {members.get(v.member_id, 'a connection')}",
            questions_asked(ReciprocityNote),
        ),
        changes(
            connections,
            lambda v: f"Community connection: {resources[v.resource_id].name}",
            questions_asked(Connection),
        ),
        changes(
            MeetingAttendance.history.filter(conversation_id__in=conversations),
            lambda v: f"Who came to a network meeting: {members.get(v.member_id, 'someone')}",
            questions_asked(MeetingAttendance),
        ),
        changes(
            SafeguardingConcern.history.filter(person_id=person.pk),
            lambda v: f"Safeguarding concern raised on {v.raised_on:%-d %B %Y}",
            questions_asked(SafeguardingConcern),
        ),
        changes(
            CaseNote.history.filter(person_id=person.pk),
            lambda v: f"Note of {v.date:%-d %B %Y}: {v.get_kind_display().lower()}",
            questions_asked(CaseNote),
        ),
        changes(
            DecisionMaker.history.filter(person_id=person.pk),
            lambda v: f"Who may decide for them: {v.get_kind_display().lower()}",
            questions_asked(DecisionMaker),
        ),
        changes(
            CapacityAssessment.history.filter(person_id=person.pk),
            lambda v: f"Capacity assessment of {v.assessed_on:%-d %B %Y}",
            questions_asked(CapacityAssessment),
        ),
    )
    page = Paginator(found, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "overview/changes.html", {"person": person, "page": page})


def _conversation(version) -> str:
    when = f"{version.date:%-d %B %Y}" if version.date else "undated"
    return f"Conversation {version.stage}, {when}"
