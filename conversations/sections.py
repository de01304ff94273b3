"""The sections of a conversation record, declared once, in order, with their conditions.

The task list, the check-answers page and the rule for submitting are all
computed from this list and the conversation itself.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.formats import date_format

from community.models import CommunityResource, Connection
from community.selectors import resource_search
from networks.forms import AttendeesForm

from . import forms
from .eligibility import criteria_for
from .forms import TieSearchForm
from .models import ConnectionTalkedAbout, Conversation, TieTalkedAbout
from .plans import plan_of
from .read_back import checked_parts

TIES_PER_PAGE = 20
RESOURCES_PER_PAGE = 10
THEIR_CONNECTIONS = 30  # the latest; all of them are on their person page

NOT_STARTED = "Not started"
IN_PROGRESS = "In progress"
COMPLETED = "Completed"


def always(conversation: Conversation) -> bool:
    return True


def at_stage(stage: int) -> Callable[[Conversation], bool]:
    return lambda conversation: conversation.stage == stage


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form_class: type[forms.SectionForm] | type[AttendeesForm] | None
    complete_when: tuple[str, ...] = ()
    needed_to_submit: bool = False
    shown: Callable[[Conversation], bool] = field(default=always)
    # The field that says why the section's level of focus was not talked about: on its own,
    # it completes the section where `reason_accepted` says a reason is enough.
    reason: str = ""
    reason_accepted: Callable[[Conversation], bool] = field(default=always)
    # The conversation's rows of the section's own (what was said of ties, connections talked
    # about), by their related name: any one of them completes the section.
    rows: str = ""

    @property
    def fields(self) -> list[str]:
        """The conversation's fields that the section's form edits (the sections with a form
        of another kind have their own `answers` and `status`)."""
        form_class = self.form_class
        if form_class is None or not issubclass(form_class, forms.SectionForm):
            return []
        return list(form_class._meta.fields or ())

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        """(question, answer) pairs for the check-answers page and the record."""
        assert self.form_class is not None  # the sections without a form have their own
        form = self.form_class(instance=conversation)
        rows: list[tuple[str, object]] = []
        for name in self.answered(conversation):
            value = getattr(conversation, name)
            if isinstance(value, datetime.date):
                value = date_format(value, "j F Y")
            elif isinstance(value, list):  # several choices: their labels
                labels = dict(form.fields[name].choices)  # type: ignore[attr-defined]
                value = ", ".join(str(labels.get(chosen, chosen)) for chosen in value)
            elif _is_filled(value) and hasattr(conversation, f"get_{name}_display"):
                value = getattr(conversation, f"get_{name}_display")()
            rows.append((str(form.fields[name].label), value))
        return rows

    def answered(self, conversation: Conversation) -> list[str]:
        """The fields the record shows, of those the section's form edits."""
        return self.fields

    def page_context(self, conversation: Conversation, params) -> dict:
        """What the section's page shows besides its form (`before_form`), from the page's
        query `params`."""
        return {}

    def status(self, conversation: Conversation) -> str:
        if self.rows and getattr(conversation, self.rows).exists():
            return COMPLETED
        filled = [
            name
            for name in self.fields
            if name != self.reason and _is_filled(getattr(conversation, name))
        ]
        if filled:
            return COMPLETED if all(name in filled for name in self.complete_when) else IN_PROGRESS
        if self.reason and _is_filled(getattr(conversation, self.reason)):
            return COMPLETED if self.reason_accepted(conversation) else IN_PROGRESS
        return NOT_STARTED


@dataclass(frozen=True)
class AttendeesSection(Section):
    """Who came from the network to a network meeting: rows of their own, found by
    searching the network (networks/views.py) rather than listed in full."""

    # Shown above the form: the search that adds someone, and how many came.
    before_form = "networks/_who_came.html"

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        return [
            (attendance.member.name, _offers(attendance))
            for attendance in conversation.attendances.select_related("member")
        ] or [("Who came", "")]


def _offers(attendance) -> str:
    """What someone who came offered, and what the person offers them back, for the record."""
    said = [attendance.offered]
    if attendance.offered_back:
        said.append(f"Offered back: {attendance.offered_back}")
    return "\n".join(filter(None, said)) or "Came; nothing recorded"


@dataclass(frozen=True)
class RelationshipsSection(Section):
    """The person's network inside the conversation: what was said of each member talked
    about, and changes in their ties, as rows of their own (`TieTalkedAbout`), beside the
    section's own words for what does not fit one person."""

    before_form = "conversations/_ties.html"

    def page_context(self, conversation: Conversation, params) -> dict:
        search = TieSearchForm(params or None)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        network = conversation.person.network_members.filter(ended_on__isnull=True)
        if query:
            network = network.filter(name__icontains=query)
        page = Paginator(network.closest_first(), TIES_PER_PAGE).get_page(params.get("page"))
        talked_about = list(conversation.ties_talked_about.select_related("member"))
        return {
            "search": search,
            "query": query,
            "page": page,
            "talked_about": talked_about,
            "talked_about_ids": {tie.member_id for tie in talked_about},
        }

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        ties = [
            (f"{tie.member.name} ({tie.member.get_relationship_display().lower()})", tie_said(tie))
            for tie in conversation.ties_talked_about.select_related("member")
        ]
        return ties + super().answers(conversation)


def tie_said(tie: TieTalkedAbout) -> str:
    """What was said of a tie, a line for each thing, for the record."""
    lines = [
        f"{label}: {text}"
        for label, text in [
            ("What helps", tie.what_helps),
            ("What gets in the way", tie.in_the_way),
            ("What flows each way", tie.flows),
        ]
        if text
    ]
    if tie.change:
        lines.append(f"Change: {tie.get_change_display()}")
    return "\n".join(lines)


@dataclass(frozen=True)
class CommunitySection(Section):
    """The community inside the conversation: the directory searched in place, and the
    connections the conversation made or changed (`ConnectionTalkedAbout`), beside the
    section's own words."""

    before_form = "conversations/_community_in_conversation.html"

    def page_context(self, conversation: Conversation, params) -> dict:
        search = forms.DirectorySearchForm(params or None)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        found = None
        if query:
            resources = CommunityResource.objects.active().prefetch_related("service_areas")
            found = Paginator(resource_search(resources, q=query), RESOURCES_PER_PAGE).get_page(
                params.get("page")
            )
        talked_about = list(
            conversation.connections_talked_about.select_related("connection__resource")
        )
        shown = {t.connection_id for t in talked_about}
        current = conversation.person.connections.exclude(status=Connection.Status.STOPPED)
        theirs = current.exclude(pk__in=shown).select_related("resource")[:THEIR_CONNECTIONS]
        return {
            "directory_search": search,
            "query": query,
            "found": found,
            "talked_about": talked_about,
            "their_connections": theirs,
        }

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        rows = [
            (t.connection.resource.name, connection_said(t))
            for t in conversation.connections_talked_about.select_related("connection__resource")
        ]
        return rows + super().answers(conversation)


def connection_said(talked_about: ConnectionTalkedAbout) -> str:
    connection = talked_about.connection
    said = f"{connection.get_status_display()}, {connection.get_role_display().lower()}"
    return f"{said} (connected in this conversation)" if talked_about.made_here else said


@dataclass(frozen=True)
class ActionsSection(Section):
    """Agreed actions are rows of their own (`rows`); the section is done once there is one."""

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        return []


@dataclass(frozen=True)
class ReadBackSection(Section):
    """Reading the record back with the person: the parts checked for their copy are listed
    with how it was shared."""

    # Shown above the form: their draft copy, to read through with them.
    before_form = "conversations/_read_back_draft.html"

    def answered(self, conversation: Conversation) -> list[str]:
        """The answers of the branch taken (shared, or not), and the follow-up questions only
        where their answer asked for them."""
        branches: dict[str, set[str]] = {
            Conversation.Shared.YES: set(forms.ReadBackForm.NOT_SHARED),
            Conversation.Shared.NO: set(forms.ReadBackForm.SHARED),
        }
        left_out = branches.get(conversation.shared, set())
        if Conversation.SharedFormat.LANGUAGE not in (conversation.shared_formats or []):
            left_out.add("shared_language")
        if conversation.agreement != Conversation.Agreement.NOT_AGREED:
            left_out.add("not_agreed_why")
        if conversation.not_shared_reason != Conversation.NotShared.OTHER:
            left_out.add("not_shared_detail")
        return [name for name in self.fields if name not in left_out]

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        checked = [part.checking for part, _ in checked_parts(conversation)]
        in_copy = "\n".join(checked) or "Nothing yet"
        return [*super().answers(conversation), ("In their own copy", in_copy)]


@dataclass(frozen=True)
class EligibilitySection(Section):
    """The eligibility decision: the outcomes are answered one by one (kept together in one
    field), so the record lists those they are unable to achieve, and how."""

    def answered(self, conversation: Conversation) -> list[str]:
        left_out = set()
        if conversation.kind != Conversation.Kind.CARERS:
            left_out.add("eligibility_health_at_risk")
        if conversation.eligible != Conversation.YesNo.NO:
            left_out.add("eligibility_advice")
        if conversation.ordinary_residence != Conversation.Residence.ELSEWHERE:
            left_out.add("ordinary_residence_council")
        return [name for name in self.fields if name not in left_out]

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        rows = super().answers(conversation)
        return rows[:1] + outcome_answers(conversation) + rows[1:]


def outcome_answers(conversation: Conversation) -> list[tuple[str, object]]:
    """Each outcome talked about: whether they are unable to achieve it, how, and what they
    said of it."""
    criteria = criteria_for(conversation)
    answers = conversation.eligibility_outcomes or {}
    rows: list[tuple[str, object]] = []
    for key, words in criteria.outcomes:
        answer = answers.get(key)
        if not answer:
            continue
        tests = criteria.tests_of(answer)
        lines = [f"Unable to achieve it: {'; '.join(tests)}" if tests else "Able to achieve it"]
        if answer.get("said"):
            lines.append(f"What they said: {answer['said']}")
        rows.append((words[0].upper() + words[1:], "\n".join(lines)))
    return rows or [("Outcomes they are unable to achieve", "")]


def eligibility_shown(conversation: Conversation) -> bool:
    """Eligibility is decided in conversation 3, when funded support is being considered, and
    in a carer's own conversation."""
    return (
        conversation.stage == Conversation.Stage.GOOD_LIFE
        or conversation.kind == Conversation.Kind.CARERS
    )


def plan_shown(conversation: Conversation) -> bool:
    """A plan follows an eligible decision, or a review that changes the plan."""
    return conversation.eligible == Conversation.YesNo.YES or (
        conversation.kind == Conversation.Kind.REVIEW
        and conversation.review_plan == Conversation.PlanAfterReview.CHANGES
    )


@dataclass(frozen=True)
class CaringSection(Section):
    """A carer's own conversation names the person they care for, linked both ways."""

    def answers(self, conversation: Conversation) -> list[tuple[str, object]]:
        cared_for = conversation.cares_for
        who = cared_for.display_name if cared_for else "Not linked to anyone we support"
        return [("Who they care for", who), *super().answers(conversation)]


@dataclass(frozen=True)
class LookingBackSection(Section):
    """A review looks back at the plan: the plan it reviews is shown above the form."""

    before_form = "conversations/_plan_reviewed.html"

    def page_context(self, conversation: Conversation, params) -> dict:
        plan = plan_of(conversation.person, besides=conversation)
        section = section_by_slug(plan, "plan") if plan else None
        return {"plan": plan, "plan_answers": section.answers(plan) if section and plan else []}


def of_kind(kind: str) -> Callable[[Conversation], bool]:
    return lambda conversation: conversation.kind == kind


def not_a_network_meeting(conversation: Conversation) -> bool:
    return conversation.kind != Conversation.Kind.NETWORK_MEETING


def _is_filled(value) -> bool:
    return value not in (None, "", [])


SECTIONS: list[Section] = [
    Section("about", "About the conversation", forms.AboutForm, ("date", "method"), True),
    AttendeesSection(
        "network-meeting",
        "Who came from their network",
        AttendeesForm,
        needed_to_submit=True,
        shown=lambda conversation: conversation.kind == Conversation.Kind.NETWORK_MEETING,
        rows="attendances",
    ),
    Section(
        "the-meeting",
        "The meeting and the family's plan",
        forms.MeetingForm,
        ("meeting_question", "meeting_plan"),
        True,
        shown=lambda conversation: conversation.kind == Conversation.Kind.NETWORK_MEETING,
    ),
    CaringSection(
        "caring",
        "Caring, and their own life",
        forms.CaringForm,
        ("carer_able", "carer_willing", "carer_wellbeing"),
        True,
        shown=of_kind(Conversation.Kind.CARERS),
    ),
    LookingBackSection(
        "looking-back",
        "Looking back at their plan",
        forms.PlanReviewForm,
        ("review_what_worked", "review_plan"),
        True,
        shown=of_kind(Conversation.Kind.REVIEW),
    ),
    Section("what-matters", "What matters to them", forms.WhatMattersForm, ("what_matters",), True),
    Section(
        "strengths",
        "Strengths",
        forms.StrengthsForm,
        ("strengths_own_words", "strengths_noticed"),
        True,
    ),
    Section("contributions", "What they give", forms.ContributionsForm, ("contributions",)),
    # The three levels of focus each need an entry, or the reason they were not talked
    # about; a network meeting needs its relationships written, not a reason.
    RelationshipsSection(
        "relationships",
        "Relationships",
        forms.RelationshipsForm,
        ("relationships_important",),
        True,
        reason="relationships_not_discussed",
        reason_accepted=not_a_network_meeting,
        rows="ties_talked_about",
    ),
    CommunitySection(
        "community",
        "Community",
        forms.CommunityForm,
        ("community_assets",),
        True,
        reason="community_not_discussed",
        rows="connections_talked_about",
    ),
    Section("whole-life", "The whole of their life", forms.WholeLifeForm),
    Section("needs-and-risks", "Needs and risks", forms.NeedsAndRisksForm, ("needs",), True),
    Section(
        "asked-of-us",
        "What they asked of us, what we decided, and why",
        forms.AskedOfUsForm,
        ("asked_of_us", "asked_decision"),
    ),
    Section(
        "urgent-support",
        "Urgent support",
        forms.UrgentSupportForm,
        ("urgent_support", "urgent_review_date"),
        shown=at_stage(Conversation.Stage.CRISIS),
    ),
    Section(
        "crisis-plan",
        "Crisis plan",
        forms.CrisisPlanForm,
        ("crisis_plan", "crisis_review_date"),
        True,
        shown=at_stage(Conversation.Stage.CRISIS),
    ),
    Section(
        "good-life",
        "A good life",
        forms.GoodLifeForm,
        ("good_life_vision", "good_life_what_it_takes"),
        True,
        shown=at_stage(Conversation.Stage.GOOD_LIFE),
    ),
    EligibilitySection(
        "eligibility",
        "Funded support: the eligibility decision",
        forms.EligibilityForm,
        ("eligible", "eligibility_reasons"),
        shown=eligibility_shown,
    ),
    Section(
        "plan",
        "Their care and support plan",
        forms.PlanForm,
        ("plan_needs", "plan_review_date"),
        True,
        shown=plan_shown,
    ),
    Section(
        "advocacy",
        "Independent advocacy",
        forms.AdvocacyForm,
        ("advocacy_difficulty",),
    ),
    ActionsSection("actions", "Agreed actions", None, rows="actions"),
    Section("outcome", "Outcome and next steps", forms.OutcomeForm, ("outcome",), True),
    ReadBackSection(
        "reading-back", "Reading it back with them", forms.ReadBackForm, ("shared",), True
    ),
]


def sections_for(conversation: Conversation) -> list[Section]:
    return [section for section in SECTIONS if section.shown(conversation)]


def section_by_slug(conversation: Conversation, slug: str) -> Section | None:
    return next((s for s in sections_for(conversation) if s.slug == slug), None)


def next_section(conversation: Conversation, section: Section) -> Section | None:
    shown = sections_for(conversation)
    index = shown.index(section)
    return shown[index + 1] if index + 1 < len(shown) else None


def missing_sections(conversation: Conversation) -> list[Section]:
    """The sections that must be completed before the record can be submitted."""
    return [
        section
        for section in sections_for(conversation)
        if section.needed_to_submit and section.status(conversation) != COMPLETED
    ]
