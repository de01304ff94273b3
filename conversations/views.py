import functools
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import reviewers_of, reviews_any_records
from accounts.requests import AuthenticatedHttpRequest, code_from
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from community.forms import ConnectionForm
from community.models import CommunityResource, Connection
from history.autosave import autosave_refused, autosave_saved, is_autosave
from networks.forms import AttendeeAddForm, AttendeeSearchForm, AttendeesForm, NetworkMemberForm
from networks.models import NetworkMember
from networks.services import attendance_add
from networks.views import get_member_for_user
from people.models import Person
from people.views import get_person_for_user

from .forms import AboutForm, ActionForm, AddendumForm, ReviewForm, TieTalkedAboutForm
from .models import Action, Conversation, TieTalkedAbout
from .practice import review_prompts
from .sections import missing_sections, next_section, section_by_slug, sections_for
from .services import (
    IncompleteRecord,
    action_add,
    connection_talked_about_save,
    conversation_add,
    conversation_section_save,
    conversation_submit,
    starting_stage,
    tie_add,
    tie_talked_about_save,
)

RECORDS_PER_PAGE = 25
# What the review queue shows of each record (a conversation has 108 columns).
QUEUE_SHOWN = [
    "code",
    "stage",
    "date",
    "submitted_at",
    "person__code",
    "person__preferred_name",
    "person__given_names",
    "person__family_name",
    "practitioner__full_name",
    "practitioner__email",
]


def get_conversation_for_user(request: AuthenticatedHttpRequest, code: UUID) -> Conversation:
    conversations = Conversation.objects.visible_to(request.user).select_related(
        "person__team", "practitioner", "reviewed_by"
    )
    conversation = get_object_or_404(conversations, code=code)
    record_view(request, conversation.person)
    return conversation


def get_action_for_user(request: AuthenticatedHttpRequest, code: UUID) -> Action:
    """The agreed action with `code` if the signed-in user may see its person; 404 otherwise."""
    actions = Action.objects.visible_to(request.user).select_related("conversation__person")
    action = get_object_or_404(actions, code=code)
    record_view(request, action.conversation.person)
    return action


def refuse_unless_editable(
    request: AuthenticatedHttpRequest, conversation: Conversation
) -> HttpResponse | None:
    """A redirect to the record, with the reason, when it may not be edited."""
    if conversation.can_be_edited_by(request.user):
        return None
    if conversation.is_signed_off:
        messages.info(request, "This record is signed off and cannot be changed: add an addendum")
    else:
        messages.info(request, "This record is waiting for review and cannot be changed now")
    return redirect("conversations:detail", code=conversation.code)


@login_required
@require_http_methods(["GET", "POST"])
def conversation_start(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    cares_for = _cared_for(request)
    kind = Conversation.Kind.CARERS if cares_for else request.GET.get("kind", "")
    initial = {"stage": starting_stage(person), "date": timezone.localdate()}
    if kind in Conversation.Kind.values:
        initial["kind"] = kind
    form = AboutForm(form_data(request), initial=initial)
    if submitted(request, form):
        conversation = conversation_add(
            conversation=form.instance, person=person, by=request.user, cares_for=cares_for
        )
        return redirect("conversations:tasks", code=conversation.code)
    context = {
        "form": form,
        "person": person,
        "cares_for": cares_for,
        "title": "Start a carer\u2019s conversation" if cares_for else "Start a conversation",
    }
    return render(request, "conversations/start.html", context)


def _cared_for(request: AuthenticatedHttpRequest) -> Person | None:
    """The person a carer's conversation is started for, from the query (`cares_for`)."""
    code = request.GET.get("cares_for", "")
    return get_person_for_user(request, code_from(code)) if code else None


@login_required
@require_GET
def conversation_tasks(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    conversation = get_conversation_for_user(request, code)
    if refusal := refuse_unless_editable(request, conversation):
        return refusal
    tasks = [(section, section.status(conversation)) for section in sections_for(conversation)]
    context = {"conversation": conversation, "person": conversation.person, "tasks": tasks}
    return render(request, "conversations/tasks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conversation_section(request: AuthenticatedHttpRequest, code: UUID, slug: str) -> HttpResponse:
    """One section of a draft: each save writes the draft to the database."""
    conversation = get_conversation_for_user(request, code)
    section = section_by_slug(conversation, slug)
    if section is None:
        raise Http404
    if refusal := refuse_unless_editable(request, conversation):
        return refusal
    if section.form_class is None:
        return conversation_actions(request, conversation, section)
    form = section.form_class(form_data(request), instance=conversation)
    if submitted(request, form):
        conversation_section_save(section=section, form=form, by=request.user)
        if is_autosave(request):
            return autosave_saved(conversation)
        return redirect(_after(conversation, section))
    if is_autosave(request):
        return autosave_refused(form)
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "section": section,
        "title": section.title,
        **section.page_context(conversation, request.GET),
    }
    return render(request, "conversations/section.html", {**context, "form": form})


def conversation_actions(
    request: AuthenticatedHttpRequest, conversation: Conversation, section
) -> HttpResponse:
    form = ActionForm(form_data(request), person=conversation.person)
    if submitted(request, form):
        action_add(action=form.instance, conversation=conversation, by=request.user)
        messages.success(request, "The action has been added")
        return redirect("conversations:section", code=conversation.code, slug=section.slug)
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "section": section,
        "title": section.title,
        "form": form,
        "actions": conversation.actions.select_related("member"),
        "next_url": _after(conversation, section),
    }
    return render(request, "conversations/actions.html", context)


def _after(conversation: Conversation, section) -> str:
    following = next_section(conversation, section)
    if following is None:
        return reverse("conversations:check", kwargs={"code": conversation.code})
    return reverse(
        "conversations:section", kwargs={"code": conversation.code, "slug": following.slug}
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_check(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Check your answers, then submit for review."""
    conversation = get_conversation_for_user(request, code)
    if refusal := refuse_unless_editable(request, conversation):
        return refusal
    missing = []
    if request.method == "POST":
        try:
            conversation_submit(conversation=conversation, by=request.user)
        except IncompleteRecord as incomplete:
            missing = incomplete.missing
        else:
            messages.success(request, "The record has been submitted for review")
            return redirect("overview:person", code=conversation.person.code)
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "sections": sections_for(conversation),
        "missing": missing,
        "still_needed": missing_sections(conversation),
        "actions": conversation.actions.select_related("member"),
    }
    return render(request, "conversations/check.html", context)


@login_required
@require_GET
def conversation_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    conversation = get_conversation_for_user(request, code)
    return _render_record(request, conversation, AddendumForm())


def _record(conversation: Conversation) -> dict:
    """What a page showing the whole record needs: its answers, actions, addenda and reviews."""
    return {
        "conversation": conversation,
        "person": conversation.person,
        "sections": sections_for(conversation),
        "actions": conversation.actions.select_related("member"),
        "addenda": conversation.addenda.select_related("author"),
        "reviews": conversation.reviews.select_related("by"),
    }


def _render_record(request, conversation: Conversation, addendum_form) -> HttpResponse:
    context = {
        **_record(conversation),
        "addendum_form": addendum_form if conversation.is_signed_off else None,
    }
    return render(request, "conversations/detail.html", context)


def reviewer_required(view):
    """Team leads, and the deputy reviewers other teams name, review records."""

    @functools.wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, *args, **kwargs) -> HttpResponse:
        if not reviews_any_records(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def get_conversation_to_review(request: AuthenticatedHttpRequest, code: UUID) -> Conversation:
    conversations = Conversation.objects.reviewable_by(request.user).select_related(
        "person__team", "practitioner", "reviewed_by"
    )
    conversation = get_object_or_404(conversations, code=code)
    record_view(request, conversation.person)
    return conversation


@login_required
@reviewer_required
@require_GET
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Records submitted in the reviewer's teams, the longest waiting first."""
    waiting = (
        Conversation.objects.to_review_by(request.user)
        .select_related("person", "practitioner")
        .only(*QUEUE_SHOWN)
    )
    page = Paginator(waiting, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, (conversation.person for conversation in page.object_list))
    # The navigation's count is the paginator's: counted once.
    context = {"page": page, "records_to_review": page.paginator.count}
    return render(request, "conversations/review_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conversation_review(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The record and its history, and the lead's decision: sign off, or return with a comment."""
    conversation = get_conversation_to_review(request, code)
    if not reviews_any_records(request.user):
        raise PermissionDenied
    why_not = conversation.cannot_be_reviewed_by(request.user)
    form = None if why_not else ReviewForm(form_data(request))
    if form is not None and submitted(request, form):
        name = conversation.person.display_name
        if form.signs_off:
            conversation.sign_off(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, f"The record of the conversation with {name} is signed off")
        else:
            conversation.return_to_draft(by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, f"The record of the conversation with {name} is returned")
        return redirect("conversations:review_queue")
    context = {
        **_record(conversation),
        "form": form,
        "why_not": why_not,
        "prompts": review_prompts(conversation),
    }
    if why_not:
        writers = conversation.writer_ids()
        reviewers = reviewers_of(conversation.person.team).exclude(pk__in=writers)
        context["other_reviewers"] = reviewers
    return render(request, "conversations/review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def addendum_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Adds an addendum; shown by GET only to bring back one typed as the session ended."""
    conversation = get_conversation_for_user(request, code)
    data = form_data(request)
    if data is None:
        return redirect("conversations:detail", code=conversation.code)
    if not conversation.is_signed_off:
        raise Http404
    form = AddendumForm(data)
    if submitted(request, form):
        conversation.add_addendum(
            text=form.cleaned_data["text"],
            by=request.user,
            asked_by_person=form.cleaned_data["asked_by_person"],
        )
        messages.success(request, "Your addendum has been added to the record")
        return redirect("conversations:detail", code=conversation.code)
    return _render_record(request, conversation, form)


@login_required
@require_POST
def action_done(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    action = get_action_for_user(request, code)
    action.mark_done(by=request.user)
    messages.success(request, f"Marked as done: {action.what}")
    # Back to the page the action was marked on: a path of this service, never another site,
    # and always a path (redirect() would take a bare word for the name of a URL).
    back = request.POST.get("next", "")
    within = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    if not (within and back.startswith("/")):
        back = reverse("home")
    return HttpResponseRedirect(back)


# Who came from the person's network to a network meeting: a section of the record, with a
# search to find them among the network on the day (networks keeps the rows).
FOUND_PER_PAGE = 20
MEETING_SECTION = "network-meeting"


@login_required
@require_GET
def attendees(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """A page of who came to a network meeting; the section's own page shows the first."""
    conversation = get_conversation_for_user(request, code)
    if refusal := _refuse_unless_meeting(request, conversation):
        return refusal
    form = AttendeesForm(instance=conversation, page=request.GET.get("page"))
    section = section_by_slug(conversation, MEETING_SECTION)
    assert section is not None  # a network meeting has this section
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "section": section,
        "title": section.title,
        "form": form,
    }
    return render(request, "conversations/attendees.html", context)


@login_required
@require_GET
def attendee_search(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Finds people in the person's network on the day of the meeting, to add to who came."""
    conversation = get_conversation_for_user(request, code)
    if refusal := _refuse_unless_meeting(request, conversation):
        return refusal
    search = AttendeeSearchForm(
        request.GET or None, conversation=conversation, on_its_own_page=True
    )
    query = search.cleaned_data["q"] if search.is_valid() else ""
    choosable, found, attending = _found(request, conversation, query, request.GET.get("page"))
    form = AttendeeAddForm(
        conversation=conversation,
        members=choosable,
        found=found.object_list,
        attending=attending,
        initial={"q": query, "page": found.number},
    )
    return _render_search(request, conversation, search, found, form)


@login_required
@require_http_methods(["GET", "POST"])
def attendee_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Records that the people ticked came; shown by GET only to bring back ticks sent as
    the session ended."""
    conversation = get_conversation_for_user(request, code)
    if refusal := _refuse_unless_meeting(request, conversation):
        return refusal
    data = form_data(request)
    if data is None:
        return redirect("conversations:attendee_search", code=conversation.code)
    # The search the ticks were made in, checked as any search is, to show it again if need be.
    search = AttendeeSearchForm(
        {"q": data.get("q", "")}, conversation=conversation, on_its_own_page=True
    )
    query = search.cleaned_data["q"] if search.is_valid() else ""
    choosable, found, attending = _found(request, conversation, query, data.get("page"))
    form = AttendeeAddForm(
        data,
        conversation=conversation,
        members=choosable,
        found=found.object_list,
        attending=attending,
    )
    if submitted(request, form):
        added = attendance_add(
            conversation=conversation, members=form.cleaned_data["members"], by=request.user
        )
        messages.success(request, _recorded(added))
        return redirect("conversations:section", code=conversation.code, slug=MEETING_SECTION)
    return _render_search(request, conversation, search, found, form)


def _found(
    request: AuthenticatedHttpRequest,
    conversation: Conversation,
    query: str,
    page_number: str | None,
) -> tuple[QuerySet[NetworkMember], Page, set[int]]:
    """Who may be chosen as having come (members of the person's network on the day of the
    meeting), the page of them the search finds, and which of those are already recorded."""
    day = conversation.date or timezone.localdate()
    choosable = (
        NetworkMember.objects.visible_to(request.user)
        .filter(person=conversation.person)
        .active_on(day)
        .order_by("name", "pk")
    )
    matching = choosable.filter(name__icontains=query) if query else choosable
    found = Paginator(matching, FOUND_PER_PAGE).get_page(page_number)
    attending = set(
        conversation.attendances.filter(member__in=found.object_list).values_list(
            "member_id", flat=True
        )
    )
    return choosable, found, attending


def _render_search(
    request: AuthenticatedHttpRequest,
    conversation: Conversation,
    search: AttendeeSearchForm,
    found: Page,
    form: AttendeeAddForm,
) -> HttpResponse:
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "search": search,
        "found": found,
        "form": form,
        "day": conversation.date or timezone.localdate(),
    }
    return render(request, "conversations/attendee_search.html", context)


def _recorded(added: list[NetworkMember]) -> str:
    if not added:
        return "They were already recorded as coming"
    names = [member.name for member in added]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Recorded as coming: {listed}. Add what each offered below"


def _refuse_unless_meeting(
    request: AuthenticatedHttpRequest, conversation: Conversation
) -> HttpResponse | None:
    """A redirect to the record when it may not be edited or is not a network meeting."""
    if refusal := refuse_unless_editable(request, conversation):
        return refusal
    if section_by_slug(conversation, MEETING_SECTION) is None:
        messages.info(request, "Only a network meeting records who came from their network")
        return redirect("conversations:tasks", code=conversation.code)
    return None


# The person's network inside the conversation's Relationships section: what was said of
# each member talked about, changes in their ties, and someone new, each made to the network
# at once (networks keeps the ties; the conversation keeps what was said of them).
RELATIONSHIPS_SECTION = "relationships"


def _refuse_unless_section(
    request: AuthenticatedHttpRequest, conversation: Conversation, slug: str
) -> HttpResponse | None:
    """A redirect when the record may not be edited; 404 when it has no such section."""
    if refusal := refuse_unless_editable(request, conversation):
        return refusal
    if section_by_slug(conversation, slug) is None:
        raise Http404
    return None


def _back_to_relationships(conversation: Conversation) -> HttpResponse:
    return redirect("conversations:section", code=conversation.code, slug=RELATIONSHIPS_SECTION)


@login_required
@require_http_methods(["GET", "POST"])
def tie_talked_about(request: AuthenticatedHttpRequest, code: UUID, member: UUID) -> HttpResponse:
    """What was said in the conversation about one member of the person's network."""
    conversation = get_conversation_for_user(request, code)
    tie = get_member_for_user(request, member)
    if tie.person_id != conversation.person_id:
        raise Http404
    if refusal := _refuse_unless_section(request, conversation, RELATIONSHIPS_SECTION):
        return refusal
    said = conversation.ties_talked_about.filter(member=tie).first()
    form = TieTalkedAboutForm(
        form_data(request),
        instance=said or TieTalkedAbout(conversation=conversation, member=tie),
        member=tie,
    )
    if submitted(request, form):
        tie_talked_about_save(form=form, by=request.user)
        messages.success(request, f"What was said about {tie.name} has been saved")
        return _back_to_relationships(conversation)
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "member": tie,
        "form": form,
        "title": f"Talking about {tie.name}",
    }
    return render(request, "conversations/tie_talked_about.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def tie_new(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Adds someone to the person's network from the conversation."""
    conversation = get_conversation_for_user(request, code)
    if refusal := _refuse_unless_section(request, conversation, RELATIONSHIPS_SECTION):
        return refusal
    person = conversation.person
    form = NetworkMemberForm(
        form_data(request), person=person, initial={"started_on": timezone.localdate()}
    )
    if submitted(request, form):
        tie = tie_add(member=form.instance, conversation=conversation, by=request.user)
        messages.success(request, f"{tie.member.name} has been added to their network")
        return _back_to_relationships(conversation)
    # The choice of "someone the team works with" names everyone in it.
    record_views(request, form.people_offered())
    context = {
        "conversation": conversation,
        "person": person,
        "form": form,
        "title": "Add someone to their network",
    }
    return render(request, "conversations/tie_new.html", context)


# The community inside the conversation's Community section: the person's connection to a
# resource found in the directory, made or changed at once (community keeps the connection;
# the conversation lists the connections it made or changed).
COMMUNITY_SECTION = "community"


@login_required
@require_http_methods(["GET", "POST"])
def connection_talked_about(
    request: AuthenticatedHttpRequest, code: UUID, resource: UUID
) -> HttpResponse:
    conversation = get_conversation_for_user(request, code)
    if refusal := _refuse_unless_section(request, conversation, COMMUNITY_SECTION):
        return refusal
    found = get_object_or_404(CommunityResource.objects.active(), code=resource)
    existing = conversation.person.connections.filter(resource=found).first()
    form = ConnectionForm(form_data(request), instance=existing or Connection())
    if submitted(request, form):
        connection_talked_about_save(
            form=form, conversation=conversation, resource=found, by=request.user
        )
        messages.success(request, f"Their connection to {found.name} has been saved")
        return redirect("conversations:section", code=conversation.code, slug=COMMUNITY_SECTION)
    context = {
        "conversation": conversation,
        "person": conversation.person,
        "resource": found,
        "form": form,
        "title": f"Talking about {found.name}",
    }
    return render(request, "conversations/connection_talked_about.html", context)
