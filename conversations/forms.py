"""One form per section of a conversation record, and the forms around it.

Prompts invite the person's story; none asks "what are your strengths?".
"""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.utils import timezone

from govuk.forms import DateField, GDSForm, drop_blank_choice, textarea
from history.forms import VersionCheck
from networks.models import NetworkMember

from .eligibility import CARER, WELLBEING, criteria_for
from .models import Action, Addendum, Conversation, TieTalkedAbout
from .read_back import check_parts, checked_parts, parts_written


class SectionForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save and continue"
    label_size = Size.MEDIUM

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # static/app/autosave.js saves the draft while the practitioner types.
        self.helper.attrs = {"data-autosave": ""}

    class Meta:
        model = Conversation
        fields: list[str] = []


class AboutForm(SectionForm):
    date = DateField(
        label="Date of the conversation",
        help_text="For example, 14 11 2026",
        latest=timezone.localdate,
    )

    class Meta(SectionForm.Meta):
        fields = ["date", "method", "who_was_there", "stage", "kind"]
        labels = {
            "method": "How did the conversation happen?",
            "who_was_there": "Who was there?",
            "stage": "Which conversation is this?",
            "kind": "What kind of conversation was it?",
        }
        help_texts = {"who_was_there": "Include the person, and anyone they asked to be there"}
        widgets = {
            "method": forms.RadioSelect,
            "stage": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "who_was_there": textarea(3),
        }
        error_messages = {
            "method": {"required": "Select how the conversation happened"},
            "stage": {"required": "Select which conversation this is"},
            "kind": {"required": "Select what kind of conversation it was"},
        }

    layout_fields = [
        Field("date"),
        Field.radios("method", legend_size=Size.MEDIUM),
        Field.textarea("who_was_there"),
        Field.radios("stage", legend_size=Size.MEDIUM),
        Field.radios("kind", legend_size=Size.MEDIUM),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["method", "stage", "kind"]:
            self.fields[name].required = True
            drop_blank_choice(self.fields[name])


class WhatMattersForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["what_matters"]
        labels = {"what_matters": "What matters to them, in their own words"}
        help_texts = {
            "what_matters": "What is a good day like? What would they like to be different? "
            "Use their words where you can."
        }
        widgets = {"what_matters": textarea(8)}


class StrengthsForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["strengths_own_words", "strengths_noticed"]
        labels = {
            "strengths_own_words": "What has helped them through hard times before?",
            "strengths_noticed": "What did you notice?",
        }
        help_texts = {
            "strengths_own_words": "In their words: what they are proud of, what they enjoy, "
            "what gets them through",
            "strengths_noticed": "Skills, knowledge, humour, determination: what came through "
            "in how they told their story",
        }
        widgets = {"strengths_own_words": textarea(6), "strengths_noticed": textarea(6)}


class ContributionsForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["contributions"]
        labels = {"contributions": "Who do people come to them for, and what for?"}
        help_texts = {
            "contributions": "What they give to others: family, neighbours, groups, their community"
        }
        widgets = {"contributions": textarea(6)}


class RelationshipsForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = [
            "relationships_important",
            "relationships_help",
            "relationships_in_the_way",
            "relationships_not_discussed",
        ]
        labels = {
            "relationships_important": "Who is important to them?",
            "relationships_help": "What helps those relationships?",
            "relationships_in_the_way": "What gets in the way of people supporting each other?",
            "relationships_not_discussed": "If you did not talk about their relationships today, "
            "why not?",
        }
        help_texts = {
            "relationships_not_discussed": "For example, they did not want to talk about family "
            "today. Leave blank if you did"
        }
        widgets = {
            "relationships_important": textarea(4),
            "relationships_help": textarea(4),
            "relationships_in_the_way": textarea(4),
            "relationships_not_discussed": textarea(2),
        }

    def clean(self):
        cleaned = super().clean()
        reason = "relationships_not_discussed"
        said = any(cleaned.get(name) for name in self.Meta.fields if name != reason)
        meeting = self.instance.kind == Conversation.Kind.NETWORK_MEETING
        if meeting and cleaned.get(reason) and not said and reason not in self.errors:
            self.add_error(
                reason,
                "A network meeting is about their relationships: write who is important to "
                "them and what was said, not why they were not talked about",
            )
        return cleaned


class CommunityForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["community_assets", "community_not_discussed"]
        labels = {
            "community_assets": "Which places, groups or people nearby did you talk about?",
            "community_not_discussed": "If you did not talk about their community today, why not?",
        }
        help_texts = {
            "community_assets": "Groups they belong to or would like to try, and any introductions "
            "you agreed to make",
            "community_not_discussed": "For example, they wanted to settle at home first. Leave "
            "blank if you did",
        }
        widgets = {"community_assets": textarea(6), "community_not_discussed": textarea(2)}


class WholeLifeForm(SectionForm):
    """The whole of a life, in prompts that stay optional: the forms of capital, capabilities,
    and what makes life harder that is not about them. In the person's words."""

    class Meta(SectionForm.Meta):
        fields = [
            "life_personal",
            "life_relationships",
            "life_identity",
            "life_social",
            "life_economic",
            "capabilities_wanted",
            "capabilities_choices",
            "life_harder",
        ]
        labels = {
            "life_personal": "Personal: their health, skills, knowledge and hopes",
            "life_relationships": "Relationships: who they can count on, and who counts on them",
            "life_identity": "Identity: their culture, faith and the communities they belong to",
            "life_social": "Social: the groups, places and networks they take part in",
            "life_economic": "Economic: money, housing and work",
            "capabilities_wanted": "What would they like to be able to do, or to be?",
            "capabilities_choices": "What choices are open to them?",
            "life_harder": "What makes life harder that is not about them?",
        }
        help_texts = {
            "capabilities_choices": "The real choices they have, whether or not they take them "
            "up now",
            "life_harder": "For example, being shut out, poverty, discrimination, or what has "
            "happened to them in the past",
        }
        widgets = {name: textarea(3) for name in fields}

    layout_fields = [
        Fieldset(
            "life_personal",
            "life_relationships",
            "life_identity",
            "life_social",
            "life_economic",
            legend="What they have to draw on",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            "capabilities_wanted",
            "capabilities_choices",
            legend="What they can do and be",
            legend_size=Size.MEDIUM,
        ),
        Fieldset("life_harder", legend="What gets in the way", legend_size=Size.MEDIUM),
    ]


class MeetingForm(SectionForm):
    """A network meeting or family group conference, as the family and the person held it."""

    class Meta(SectionForm.Meta):
        fields = [
            "meeting_convened_by",
            "meeting_question",
            "meeting_private_time",
            "meeting_plan",
            "meeting_disagreements",
        ]
        labels = {
            "meeting_convened_by": "Who convened it?",
            "meeting_question": "What did they ask of their network?",
            "meeting_private_time": "Did the family have private time?",
            "meeting_plan": "The family's own plan",
            "meeting_disagreements": "Were there disagreements, and how were they resolved?",
        }
        help_texts = {
            "meeting_convened_by": "For example, an independent coordinator, or they did",
            "meeting_question": "Their question or request to the people around them, in "
            "their words",
            "meeting_plan": "In their words. Add each thing someone will do as an agreed "
            "action, saying who in their network will do it",
        }
        widgets = {
            "meeting_question": textarea(4),
            "meeting_private_time": forms.RadioSelect,
            "meeting_plan": textarea(6),
            "meeting_disagreements": textarea(4),
        }

    layout_fields = [
        Field.text("meeting_convened_by", field_width=Fluid.TWO_THIRDS),
        "meeting_question",
        Field.radios("meeting_private_time"),
        "meeting_plan",
        "meeting_disagreements",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["meeting_private_time"])


class AskedOfUsForm(SectionForm):
    """What the person asked of the council, what it decided and why, and what happens next."""

    class Meta(SectionForm.Meta):
        fields = ["asked_of_us", "asked_decision", "asked_reasons", "asked_next"]
        labels = {
            "asked_of_us": "What did they ask of us?",
            "asked_decision": "What did we decide?",
            "asked_reasons": "Why? Our reasons",
            "asked_next": "What happens next?",
        }
        help_texts = {
            "asked_of_us": "In their words: help at home, equipment, a place at a day centre, "
            "money, someone to talk to",
            "asked_reasons": "In words they will understand: their copy can show them",
            "asked_next": "Who will do what, by when; and how they can ask us to look at it again",
        }
        widgets = {
            "asked_of_us": textarea(4),
            "asked_decision": forms.RadioSelect,
            "asked_reasons": textarea(5),
            "asked_next": textarea(3),
        }

    layout_fields = [
        "asked_of_us",
        Field.radios("asked_decision", legend_size=Size.MEDIUM),
        "asked_reasons",
        "asked_next",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["asked_decision"])

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("asked_decision")
        if decision:
            self.require("asked_of_us", "Enter what they asked of us")
        if cleaned.get("asked_of_us"):
            self.require("asked_decision", "Select what we decided, or that it is not decided yet")
        if decision and decision != Conversation.Decision.NOT_YET:
            self.require("asked_reasons", "Enter the reasons for the decision")
        return cleaned


class UrgentSupportForm(SectionForm):
    """Needs met urgently before any assessment or decision (Care Act 2014 s.19(3))."""

    urgent_review_date = DateField(
        label="When will it be looked at again?",
        required=False,
        help_text="For example, 4 12 2026",
        earliest=timezone.localdate,
    )

    class Meta(SectionForm.Meta):
        fields = ["urgent_support", "urgent_review_date"]
        labels = {"urgent_support": "What was put in place straight away, and when?"}
        help_texts = {
            "urgent_support": "A local authority may meet needs for care and support which "
            "appear to it to be urgent without having yet carried out a needs assessment or "
            "a financial assessment, or made a determination under section 13(1) (Care Act "
            "2014, s.19(3)). Leave blank if nothing was needed"
        }
        widgets = {"urgent_support": textarea(5)}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("urgent_support"):
            self.require("urgent_review_date", "Enter when it will be looked at again")
        if cleaned.get("urgent_review_date"):
            self.require("urgent_support", "Enter what was put in place straight away")
        return cleaned


class NeedsAndRisksForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["needs", "risks", "managing_risk"]
        labels = {
            "needs": "Where do they need support from others?",
            "risks": "What worries them, or others, about their safety or wellbeing?",
            "managing_risk": "How do they want to manage those risks?",
        }
        help_texts = {
            "needs": "Include what they find hard and who helps now",
            "managing_risk": "In their words where you can: the choices they want to make",
        }
        widgets = {"needs": textarea(5), "risks": textarea(5), "managing_risk": textarea(5)}


class CrisisPlanForm(SectionForm):
    crisis_review_date = DateField(
        label="When will the plan be reviewed?",
        help_text="Within days, not weeks. For example, 28 11 2026",
        earliest=timezone.localdate,
    )

    class Meta(SectionForm.Meta):
        fields = ["crisis_plan", "crisis_review_date"]
        labels = {"crisis_plan": "What must change now to keep them safe and back in control?"}
        help_texts = {"crisis_plan": "Who will do what, and how will you stay in close touch?"}
        widgets = {"crisis_plan": textarea(8)}


class GoodLifeForm(SectionForm):
    class Meta(SectionForm.Meta):
        fields = ["good_life_vision", "good_life_what_it_takes"]
        labels = {
            "good_life_vision": "What does a good life look like for them?",
            "good_life_what_it_takes": "What will it take to get there?",
        }
        help_texts = {
            "good_life_what_it_takes": "Their own network, community, and any funded support needed"
        }
        widgets = {"good_life_vision": textarea(6), "good_life_what_it_takes": textarea(6)}


class OutcomeForm(SectionForm):
    next_date = DateField(
        label="Date of the next conversation or contact",
        required=False,
        help_text="Leave blank if none is planned. For example, 9 12 2026",
        earliest=timezone.localdate,
    )

    class Meta(SectionForm.Meta):
        fields = ["outcome", "outcome_notes", "next_date"]
        labels = {"outcome": "What happens next?", "outcome_notes": "Anything to add"}
        widgets = {"outcome": forms.RadioSelect, "outcome_notes": textarea(3)}
        error_messages = {"outcome": {"required": "Select what happens next"}}

    layout_fields = [Field.radios("outcome", legend_size=Size.MEDIUM), "outcome_notes", "next_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        drop_blank_choice(self.fields["outcome"])

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome and outcome != Conversation.Outcome.RESOLVED:
            self.require("next_date", "Enter the date of the next conversation or contact")
        return cleaned


class ReadBackForm(SectionForm):
    """How the record was read back with the person, and what they said of it; or why it
    could not be. And the parts of it checked with them, for their own copy."""

    submit_label = "Save and check the record"
    # The answers given when it was shared, and when it could not be.
    SHARED = (
        "shared_how",
        "shared_formats",
        "shared_language",
        "shared_on",
        "persons_comments",
        "agreement",
        "not_agreed_why",
    )
    NOT_SHARED = ("not_shared_reason", "not_shared_detail")
    shared_on = DateField(
        label="When was it shared with them?",
        required=False,
        help_text="For example, 27 11 2026",
        latest=timezone.localdate,
    )
    shared_formats = forms.MultipleChoiceField(
        label="In what format? (optional)",
        required=False,
        choices=Conversation.SharedFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    parts = forms.MultipleChoiceField(
        label="Which parts did you check with them, for their own copy?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only the parts you tick go in their copy, in these words. Check that each "
        "is written as they would say it, or as you would say it to them: their copy "
        "speaks to them as \u201cyou\u201d.",
    )

    class Meta(SectionForm.Meta):
        fields = [
            "shared",
            "shared_how",
            "shared_formats",
            "shared_language",
            "shared_on",
            "persons_comments",
            "agreement",
            "not_agreed_why",
            "not_shared_reason",
            "not_shared_detail",
        ]  # SHARED and NOT_SHARED, after "shared"
        labels = {
            "shared": "Did you read the record back with them, or send it to them?",
            "shared_how": "How was it shared?",
            "shared_language": "Which language?",
            "persons_comments": "Their comments, in their own words",
            "agreement": "Did they agree with what was written?",
            "not_agreed_why": "What did they not agree with, and why?",
            "not_shared_reason": "Why could it not be shared with them?",
            "not_shared_detail": "Tell us more",
        }
        help_texts = {
            "shared_language": "If it was shared in another language",
            "not_agreed_why": "In their words where you can. Their copy shows it",
            "not_shared_detail": "You must say why if you chose \u201cAnother reason\u201d",
        }
        widgets = {
            "shared": forms.RadioSelect,
            "shared_how": forms.RadioSelect,
            "agreement": forms.RadioSelect,
            "not_shared_reason": forms.RadioSelect,
            "persons_comments": textarea(4),
            "not_agreed_why": textarea(4),
            "not_shared_detail": textarea(3),
        }
        error_messages = {"shared": {"required": "Select whether the record was shared with them"}}

    layout_fields = [
        Field.radios("shared", legend_size=Size.MEDIUM),
        Fieldset(
            Field.radios("shared_how"),
            Field.checkboxes("shared_formats"),
            Field.text("shared_language", field_width=Fluid.ONE_THIRD),
            "shared_on",
            "persons_comments",
            Field.radios("agreement"),
            "not_agreed_why",
            legend="If it was shared with them",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.radios("not_shared_reason"),
            "not_shared_detail",
            legend="If it could not be shared",
            legend_size=Size.MEDIUM,
        ),
        Field.checkboxes("parts", legend_size=Size.MEDIUM),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared"].required = True
        for name in ["shared", "shared_how", "agreement", "not_shared_reason"]:
            drop_blank_choice(self.fields[name])
        written = parts_written(self.instance)
        parts = self.fields["parts"]
        assert isinstance(parts, forms.MultipleChoiceField)
        parts.choices = [Choice(part.name, part.checking, hint=words) for part, words in written]
        parts.error_messages["invalid_choice"] = "Select only the parts shown"
        self.initial.setdefault("parts", [part.name for part, _ in checked_parts(self.instance)])

    def clean(self):
        cleaned = super().clean()
        needed: list[tuple[str, str]] = []
        if cleaned.get("shared") == Conversation.Shared.YES:
            needed = [
                ("shared_how", "Select how the record was shared"),
                ("shared_on", "Enter when it was shared with them"),
                ("agreement", "Select whether they agreed with what was written"),
            ]
            if Conversation.SharedFormat.LANGUAGE in cleaned.get("shared_formats", []):
                needed.append(("shared_language", "Enter the language it was shared in"))
            agreement = cleaned.get("agreement")
            if agreement == Conversation.Agreement.WITH_COMMENTS:
                needed.append(("persons_comments", "Enter their comments"))
            if agreement == Conversation.Agreement.NOT_AGREED:
                needed.append(("not_agreed_why", "Enter what they did not agree with, and why"))
        elif cleaned.get("shared") == Conversation.Shared.NO:
            needed = [("not_shared_reason", "Select why it could not be shared with them")]
            if cleaned.get("not_shared_reason") == Conversation.NotShared.OTHER:
                needed.append(("not_shared_detail", "Enter why it could not be shared"))
        for name, message in needed:
            self.require(name, message)
        # What was given for the other answer is not kept (it was changed).
        other = {"yes": self.NOT_SHARED, "no": self.SHARED}.get(cleaned.get("shared") or "", ())
        for name in other:
            cleaned[name] = [] if name == "shared_formats" else None if name == "shared_on" else ""
        # The parts ticked, in their words now (saved with the rest of the section).
        check_parts(self.instance, cleaned.get("parts", []))
        return cleaned


class AdvocacyForm(SectionForm):
    """Independent advocacy (Care Act 2014 s.67): whether they would have substantial
    difficulty being involved and have no one appropriate to support them, and an advocate
    offered or appointed."""

    class Meta(SectionForm.Meta):
        fields = [
            "advocacy_difficulty",
            "advocacy_someone",
            "advocacy",
            "advocate_name",
            "advocate_organisation",
        ]
        labels = {
            "advocacy_difficulty": "Would they have substantial difficulty being involved in "
            "the conversation, their plan or its review?",
            "advocacy_someone": "Is there someone appropriate to support them to be involved?",
            "advocacy": "Was an independent advocate offered or appointed?",
            "advocate_name": "The advocate\u2019s name",
            "advocate_organisation": "Their organisation",
        }
        help_texts = {
            "advocacy_difficulty": "Difficulty understanding or keeping in mind what matters, "
            "weighing it up, or saying what they think (Care Act 2014 s.67(4))",
            "advocacy_someone": "Someone who is not paid to care for them, whom they are happy "
            "to have support them, such as family or a friend",
        }
        widgets = {
            "advocacy_difficulty": forms.RadioSelect,
            "advocacy_someone": forms.RadioSelect,
            "advocacy": forms.RadioSelect,
        }

    layout_fields = [
        Field.radios("advocacy_difficulty", legend_size=Size.MEDIUM),
        Field.radios("advocacy_someone", legend_size=Size.MEDIUM),
        Field.radios("advocacy", legend_size=Size.MEDIUM),
        Field.text("advocate_name", field_width=Fluid.TWO_THIRDS),
        Field.text("advocate_organisation", field_width=Fluid.TWO_THIRDS),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["advocacy_difficulty", "advocacy_someone", "advocacy"]:
            drop_blank_choice(self.fields[name])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("advocacy_difficulty") == Conversation.YesNo.YES:
            self.require("advocacy_someone", "Select whether there is someone appropriate")
            if cleaned.get("advocacy_someone") == Conversation.YesNo.NO:
                self.require("advocacy", "Select whether an advocate was offered or appointed")
                if cleaned.get("advocacy") == Conversation.Advocacy.NOT_NEEDED:
                    self.add_error(
                        "advocacy",
                        "They would have substantial difficulty and have no one appropriate: "
                        "select whether an advocate was offered or appointed",
                    )
        if cleaned.get("advocacy") == Conversation.Advocacy.APPOINTED:
            self.require("advocate_name", "Enter the advocate\u2019s name")
            self.require("advocate_organisation", "Enter the advocate\u2019s organisation")
        return cleaned


class CaringForm(SectionForm):
    """A carer's own conversation (Care Act 2014 s.10): whether they are able and willing to
    go on caring, the impact of caring on their wellbeing, and their own life."""

    class Meta(SectionForm.Meta):
        fields = ["carer_able", "carer_willing", "carer_wellbeing", "carer_work_life"]
        labels = {
            "carer_able": "Are they able to go on caring?",
            "carer_willing": "Are they willing to go on caring?",
            "carer_wellbeing": "How does caring affect their wellbeing?",
            "carer_work_life": "Their work, education, training and time for themselves",
        }
        help_texts = {
            "carer_wellbeing": "Their health, sleep, money, relationships, and what they "
            "would like to be different, in their words",
            "carer_work_life": "Whether they work or want to, study or train, and what they "
            "do for themselves",
        }
        widgets = {
            "carer_able": forms.RadioSelect,
            "carer_willing": forms.RadioSelect,
            "carer_wellbeing": textarea(6),
            "carer_work_life": textarea(5),
        }

    layout_fields = [
        Field.radios("carer_able", legend_size=Size.MEDIUM),
        Field.radios("carer_willing", legend_size=Size.MEDIUM),
        "carer_wellbeing",
        "carer_work_life",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["carer_able", "carer_willing"]:
            drop_blank_choice(self.fields[name])


def unable_field(key: str) -> str:
    return f"unable_{key}"


def said_field(key: str) -> str:
    return f"said_{key}"


class EligibilityForm(SectionForm):
    """The eligibility decision (Care Act 2014 s.13): the criteria answered one by one, as if
    no carer were helping, and the decision with its reasons, in words."""

    eligibility_decided_on = DateField(
        label="When was the decision made?",
        required=False,
        help_text="For example, 27 11 2026",
        latest=timezone.localdate,
    )
    eligibility_wellbeing_areas = forms.MultipleChoiceField(
        label="Which parts of their wellbeing?",
        required=False,
        choices=[(key, words[0].upper() + words[1:]) for key, words in WELLBEING],
        widget=forms.CheckboxSelectMultiple,
        help_text="The areas of wellbeing in the Care Act 2014, s.1(2). Select all that apply",
    )

    class Meta(SectionForm.Meta):
        fields = [
            "eligibility_needs_arise",
            "eligibility_health_at_risk",
            "eligibility_wellbeing_impact",
            "eligibility_wellbeing_areas",
            "eligibility_wellbeing_how",
            "eligibility_carers_do",
            "eligible",
            "eligibility_reasons",
            "eligibility_advice",
            "ordinary_residence",
            "ordinary_residence_council",
            "eligibility_decided_on",
        ]
        labels = {
            "eligibility_health_at_risk": "Is their physical or mental health deteriorating, "
            "or at risk of deteriorating, because of caring?",
            "eligibility_wellbeing_impact": "As a consequence, is there, or is there likely to "
            "be, a significant impact on their wellbeing?",
            "eligibility_wellbeing_how": "How, in words they would recognise",
            "eligibility_carers_do": "What do carers do for them now?",
            "eligible": "Do their needs meet the eligibility criteria?",
            "eligibility_reasons": "Our reasons, in words they will understand",
            "eligibility_advice": "The advice and information we gave to prevent or delay "
            "their needs",
            "ordinary_residence": "Where are they ordinarily resident?",
            "ordinary_residence_council": "Which council?",
        }
        help_texts = {
            "eligibility_carers_do": "Recorded apart: the decision above is made as if no "
            "carer were helping. What carers do, and are willing to go on doing, shapes the "
            "plan, not the decision",
            "eligibility_reasons": "Their letter quotes these words",
            "eligibility_advice": "What they can do, who in their network and community can "
            "help, and where to find out more (Care Act 2014 s.13(5))",
            "ordinary_residence_council": "If they are ordinarily resident in another "
            "council\u2019s area",
        }
        widgets = {
            "eligibility_needs_arise": forms.RadioSelect,
            "eligibility_health_at_risk": forms.RadioSelect,
            "eligibility_wellbeing_impact": forms.RadioSelect,
            "eligibility_wellbeing_how": textarea(4),
            "eligibility_carers_do": textarea(4),
            "eligible": forms.RadioSelect,
            "eligibility_reasons": textarea(6),
            "eligibility_advice": textarea(4),
            "ordinary_residence": forms.RadioSelect,
        }
        error_messages = {
            "eligible": {"required": "Select whether their needs meet the eligibility criteria"}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria_for(self.instance)
        self.fields["eligibility_needs_arise"].label = self.criteria.needs_arise
        if self.criteria is not CARER:
            del self.fields["eligibility_health_at_risk"]
        for name in [
            "eligibility_needs_arise",
            "eligibility_health_at_risk",
            "eligibility_wellbeing_impact",
            "eligible",
            "ordinary_residence",
        ]:
            if name in self.fields:
                drop_blank_choice(self.fields[name])
        answers = self.instance.eligibility_outcomes or {}
        for key, words in self.criteria.outcomes:
            answer = answers.get(key) or {}
            self.fields[unable_field(key)] = forms.MultipleChoiceField(
                label=words[0].upper() + words[1:],
                required=False,
                choices=[(test, f"({test}) {text}") for test, text in self.criteria.tests],
                widget=forms.CheckboxSelectMultiple,
                help_text=f"The {self.criteria.who} is unable to achieve it if they\u2026 Select "
                "each that applies; leave all unticked if they can achieve it",
                initial=answer.get("tests", []),
            )
            self.fields[said_field(key)] = forms.CharField(
                label=f"What they said about {words} (optional)",
                required=False,
                max_length=2000,
                widget=textarea(2),
                initial=answer.get("said", ""),
            )
            self.fields[unable_field(key)].error_messages["invalid_choice"] = (
                "Select only the ways shown"
            )
        # Laid out again with the outcomes, which come from the criteria (the version that
        # VersionCheck put first stays first).
        self.helper.layout = Layout("version", *self.get_layout_fields())
        self.helper.layout.append(Submit("submit", self.submit_label))

    def get_layout_fields(self) -> list:
        criteria = getattr(self, "criteria", None)
        if criteria is None:  # GDSForm lays the form out before the outcomes are added
            return []
        outcomes: list = []
        for key, _ in criteria.outcomes:
            outcomes += [Field.checkboxes(unable_field(key)), Field.textarea(said_field(key))]
        wellbeing = [
            Field.radios("eligibility_wellbeing_impact", legend_size=Size.MEDIUM),
            Field.checkboxes("eligibility_wellbeing_areas"),
            "eligibility_wellbeing_how",
        ]
        if criteria is CARER:
            wellbeing.insert(0, Field.radios("eligibility_health_at_risk", legend_size=Size.MEDIUM))
        return [
            HTML(
                '<div class="govuk-inset-text">Decide as if no carer were helping them. What '
                "carers do now is recorded apart, below. The criteria are those of "
                f"{criteria.regulation}.</div>"
            ),
            Field.radios("eligibility_needs_arise", legend_size=Size.MEDIUM),
            Fieldset(
                *outcomes,
                legend="Which of these outcomes are they unable to achieve?",
                legend_size=Size.MEDIUM,
            ),
            *wellbeing,
            "eligibility_carers_do",
            Field.radios("eligible", legend_size=Size.MEDIUM),
            "eligibility_reasons",
            "eligibility_advice",
            Field.radios("ordinary_residence", legend_size=Size.MEDIUM),
            Field.text("ordinary_residence_council", field_width=Fluid.TWO_THIRDS),
            "eligibility_decided_on",
        ]

    def clean(self):
        cleaned = super().clean()
        answers = {}
        for key, _ in self.criteria.outcomes:
            tests = cleaned.get(unable_field(key)) or []
            said = cleaned.get(said_field(key)) or ""
            if tests or said:
                answers[key] = {"tests": tests, "said": said}
        self.instance.eligibility_outcomes = answers
        eligible = cleaned.get("eligible")
        if eligible:
            self.require("eligibility_needs_arise", "Select whether their needs arise this way")
            self.require(
                "eligibility_wellbeing_impact",
                "Select whether there is a significant impact on their wellbeing",
            )
            self.require("eligibility_reasons", "Enter the reasons for the decision")
            self.require("ordinary_residence", "Select where they are ordinarily resident")
            self.require("eligibility_decided_on", "Enter when the decision was made")
        if cleaned.get("eligibility_wellbeing_impact") == Conversation.YesNo.YES:
            self.require("eligibility_wellbeing_areas", "Select the parts of their wellbeing")
        if cleaned.get("ordinary_residence") == Conversation.Residence.ELSEWHERE:
            self.require("ordinary_residence_council", "Enter which council")
        else:
            cleaned["ordinary_residence_council"] = ""
        if eligible == Conversation.YesNo.NO:
            self.require("eligibility_advice", "Enter the advice and information we gave")
        why_not = self._criteria_not_met(cleaned, answers)
        if eligible == Conversation.YesNo.YES and why_not and "eligible" not in self.errors:
            self.add_error("eligible", why_not)
        return cleaned

    def _criteria_not_met(self, cleaned: dict, answers: dict) -> str:
        """Why the answers given cannot make an eligible decision, or ""."""
        yes = Conversation.YesNo.YES
        if cleaned.get("eligibility_needs_arise") == Conversation.YesNo.NO:
            return "Their needs meet the criteria only if they arise this way: check the answers"
        if cleaned.get("eligibility_wellbeing_impact") == Conversation.YesNo.NO:
            return (
                "Their needs meet the criteria only with a significant impact on their "
                "wellbeing: check the answers"
            )
        unable = len(self.criteria.unable(answers))
        if self.criteria is CARER:
            if unable or cleaned.get("eligibility_health_at_risk") == yes:
                return ""
            return (
                "A carer\u2019s needs meet the criteria only if their health is at risk or they "
                "are unable to achieve at least one outcome"
            )
        if unable < self.criteria.outcomes_needed:
            return (
                "Their needs meet the criteria only if they are unable to achieve two or more "
                "outcomes"
            )
        return ""


class PlanForm(SectionForm):
    """The care and support plan (Care Act 2014 ss.24-25): which needs will be met and how,
    the money, who was involved, whether they agreed, and when it will first be reviewed."""

    plan_starts_on = DateField(
        label="When does the plan start?", required=False, help_text="For example, 1 12 2026"
    )
    plan_review_date = DateField(
        label="When will it first be reviewed?",
        required=False,
        help_text=f"Within {settings.PLAN_FIRST_REVIEW_WEEKS} weeks of the plan starting. "
        "For example, 26 1 2027",
    )

    class Meta(SectionForm.Meta):
        fields = [
            "plan_needs",
            "plan_by_network",
            "plan_by_community",
            "plan_funded",
            "plan_budget",
            "plan_contribution",
            "plan_direct_payment",
            "plan_payment_amount",
            "plan_payment_every",
            "plan_involved",
            "plan_agreement",
            "plan_not_agreed_why",
            "plan_starts_on",
            "plan_review_date",
        ]
        labels = {
            "plan_needs": "Which of their needs will the plan meet?",
            "plan_by_network": "What will people in their network do?",
            "plan_by_community": "What will their community connections do?",
            "plan_funded": "What funded support will there be?",
            "plan_budget": "Their personal budget, in pounds a week",
            "plan_contribution": "What they will pay towards it, in pounds a week",
            "plan_direct_payment": "Have they chosen a direct payment?",
            "plan_payment_amount": "The direct payment, in pounds",
            "plan_payment_every": "How often is it paid?",
            "plan_involved": "Who was involved in making the plan?",
            "plan_agreement": "Did they agree with the plan?",
            "plan_not_agreed_why": "What did they not agree with, and why?",
        }
        help_texts = {
            "plan_needs": "The eligible needs, and any others the plan meets. Their plan "
            "letter quotes what you write here: write it as you would say it to them",
            "plan_by_network": "Who, what and when, as they agreed it",
            "plan_by_community": "The groups, places or people nearby, and what each will do",
            "plan_funded": "What it is, who provides it and how often",
            "plan_budget": "The cost to us of meeting their needs (Care Act 2014 s.26). "
            "For example, 245.50",
            "plan_contribution": "As the finance team decided it in their financial "
            "assessment (s.17). Enter 0 if they pay nothing",
            "plan_involved": "Include the person, and anyone they asked to be involved",
        }
        widgets = {
            "plan_needs": textarea(4),
            "plan_by_network": textarea(4),
            "plan_by_community": textarea(4),
            "plan_funded": textarea(4),
            "plan_direct_payment": forms.RadioSelect,
            "plan_payment_every": forms.RadioSelect,
            "plan_involved": textarea(3),
            "plan_agreement": forms.RadioSelect,
            "plan_not_agreed_why": textarea(3),
        }

    layout_fields = [
        "plan_needs",
        "plan_by_network",
        "plan_by_community",
        "plan_funded",
        Field.text("plan_budget", field_width=10),
        Field.text("plan_contribution", field_width=10),
        Field.radios("plan_direct_payment", legend_size=Size.MEDIUM),
        Field.text("plan_payment_amount", field_width=10),
        Field.radios("plan_payment_every"),
        "plan_involved",
        Field.radios("plan_agreement", legend_size=Size.MEDIUM),
        "plan_not_agreed_why",
        "plan_starts_on",
        "plan_review_date",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["plan_direct_payment", "plan_payment_every", "plan_agreement"]:
            drop_blank_choice(self.fields[name])
        for name in ["plan_budget", "plan_contribution", "plan_payment_amount"]:
            field = self.fields[name]
            field.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})
            label = str(field.label)
            field.error_messages.update(
                {
                    "invalid": f"{label[0].upper() + label[1:]} must be an amount in pounds, "
                    "like 245.50",
                    "min_value": f"{label[0].upper() + label[1:]} must be 0 or more",
                    "max_digits": f"{label[0].upper() + label[1:]} must be less than 1,000,000",
                    "max_whole_digits": f"{label[0].upper() + label[1:]} must be less than "
                    "1,000,000",
                    "max_decimal_places": f"{label[0].upper() + label[1:]} must have no more "
                    "than 2 decimal places, like 245.50",
                }
            )
            assert isinstance(field, forms.DecimalField)
            field.min_value = 0
            field.validators.append(MinValueValidator(0))

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in self.Meta.fields):
            return cleaned  # not started: nothing is asked yet
        self.require("plan_needs", "Enter which of their needs the plan will meet")
        if not any(cleaned.get(f"plan_{how}") for how in ["by_network", "by_community", "funded"]):
            self.add_error(
                "plan_by_network",
                "Enter how their needs will be met: by their network, their community "
                "connections or funded support",
            )
        for name, message in [
            ("plan_budget", "Enter their personal budget, in pounds a week"),
            ("plan_contribution", "Enter what they will pay towards it: 0 if nothing"),
            ("plan_direct_payment", "Select whether they have chosen a direct payment"),
            ("plan_agreement", "Select whether they agreed with the plan"),
            ("plan_starts_on", "Enter when the plan starts"),
            ("plan_review_date", "Enter when the plan will first be reviewed"),
        ]:
            self.require(name, message)
        budget, contribution = cleaned.get("plan_budget"), cleaned.get("plan_contribution")
        if budget is not None and contribution is not None and contribution > budget:
            self.add_error(
                "plan_contribution", "What they pay cannot be more than their personal budget"
            )
        if cleaned.get("plan_direct_payment") == Conversation.YesNo.YES:
            self.require("plan_payment_amount", "Enter the direct payment, in pounds")
            self.require("plan_payment_every", "Select how often the direct payment is paid")
        else:
            cleaned["plan_payment_amount"], cleaned["plan_payment_every"] = None, ""
        if cleaned.get("plan_agreement") == Conversation.Agreement.NOT_AGREED:
            self.require("plan_not_agreed_why", "Enter what they did not agree with, and why")
        starts, review = cleaned.get("plan_starts_on"), cleaned.get("plan_review_date")
        if starts and review:
            weeks = settings.PLAN_FIRST_REVIEW_WEEKS
            if review <= starts:
                self.add_error("plan_review_date", "The first review must be after the plan starts")
            elif review > starts + datetime.timedelta(weeks=weeks):
                self.add_error(
                    "plan_review_date",
                    f"The first review must be within {weeks} weeks of the plan starting",
                )
        return cleaned


class PlanReviewForm(SectionForm):
    """A review of the care and support plan (Care Act 2014 s.27): looking back at it, what
    happens to it, and when it is next reviewed."""

    review_next_date = DateField(
        label="When will it next be reviewed?",
        required=False,
        help_text=f"Within {settings.PLAN_REVIEW_MONTHS} months. For example, 20 11 2027",
        earliest=timezone.localdate,
    )

    class Meta(SectionForm.Meta):
        fields = ["review_what_worked", "review_what_changed", "review_plan", "review_next_date"]
        labels = {
            "review_what_worked": "What has worked, and what has not?",
            "review_what_changed": "What has changed in their life, their network or their "
            "community?",
            "review_plan": "What happens to the plan?",
        }
        help_texts = {
            "review_what_worked": "In their words, and their network\u2019s",
            "review_plan": "If it changes, record the new plan in this conversation\u2019s "
            "plan section",
        }
        widgets = {
            "review_what_worked": textarea(6),
            "review_what_changed": textarea(5),
            "review_plan": forms.RadioSelect,
        }

    layout_fields = [
        "review_what_worked",
        "review_what_changed",
        Field.radios("review_plan", legend_size=Size.MEDIUM),
        "review_next_date",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["review_plan"])

    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("review_plan")
        if plan and plan != Conversation.PlanAfterReview.ENDS:
            self.require("review_next_date", "Enter when the plan will next be reviewed")
        elif plan:
            cleaned["review_next_date"] = None
        if cleaned.get("review_what_worked") or cleaned.get("review_next_date"):
            self.require("review_plan", "Select what happens to the plan")
        after = cleaned.get("review_next_date")
        limit = (self.instance.date or timezone.localdate()) + datetime.timedelta(
            days=round(settings.PLAN_REVIEW_MONTHS * 365.25 / 12)
        )
        if after and after > limit:
            self.add_error(
                "review_next_date",
                f"The next review must be within {settings.PLAN_REVIEW_MONTHS} months of this one",
            )
        return cleaned


class NetworkMemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_relationship_display().lower()})"


class ActionForm(GDSForm, forms.ModelForm):
    submit_label = "Add the action"
    member = NetworkMemberChoiceField(
        queryset=NetworkMember.objects.none(),
        required=False,
        label="Who in their network?",
        help_text="If someone in their network will do it",
        empty_label="Not someone in their network",
        error_messages={"invalid_choice": "Select someone in their network, or none"},
    )
    due = DateField(label="By when?", required=False, help_text="For example, 9 12 2026")

    class Meta:
        model = Action
        fields = ["what", "who", "member", "who_name", "due"]
        labels = {"what": "What was agreed?", "who": "Who will do it?", "who_name": "Their name"}
        help_texts = {"who_name": "Optional. For example, their daughter Sarah, or the lunch club"}
        widgets = {"what": textarea(3), "who": forms.RadioSelect}
        error_messages = {
            "what": {"required": "Enter what was agreed"},
            "who": {"required": "Select who will do it"},
        }

    layout_fields = ["what", Field.radios("who"), Field.select("member"), "who_name", "due"]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        # Only someone in the person's network now: the family's plan belongs to them.
        member = self.fields["member"]
        assert isinstance(member, forms.ModelChoiceField)
        member.queryset = person.network_members.filter(ended_on__isnull=True).order_by(
            "name", "pk"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("member") and cleaned.get("who") not in (None, "", Action.Who.NETWORK):
            self.add_error("member", "Choose who in their network only when it is someone there")
        return cleaned


class AddendumForm(GDSForm, forms.ModelForm):
    submit_label = "Add to the record"
    asked_by_person = forms.TypedChoiceField(
        label="Who asked for it?",
        choices=[
            ("yes", "They asked us to change something: it goes in their own copy"),
            ("no", "It is a correction or later information of ours"),
        ],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who asked for it"},
    )

    class Meta:
        model = Addendum
        fields = ["asked_by_person", "text"]
        labels = {"text": "Correction or later information"}
        help_texts = {
            "text": "It is added below the record with your name and today's date. If they "
            "asked for it, write it to them: for example, \u201cYou told us your daughter "
            "visits every week, not every month.\u201d"
        }
        widgets = {"text": textarea(5)}
        error_messages = {"text": {"required": "Enter the correction or later information"}}

    layout_fields = [Field.radios("asked_by_person"), "text"]


class ReviewForm(GDSForm, forms.Form):
    """A team lead's decision on a submitted record; returning it needs a comment."""

    submit_label = "Confirm your decision"
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("sign_off", "Sign off the record"),
            ("return", "Return it to the practitioner to change"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to sign off the record or return it"},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=5000,
        widget=textarea(4),
        help_text="Say what to change when you return it. Optional when you sign it off",
    )
    layout_fields = [Field.radios("decision"), "comment"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Enter a comment saying what the practitioner should change")
        return cleaned

    @property
    def signs_off(self) -> bool:
        return self.cleaned_data["decision"] == "sign_off"


class TieTalkedAboutForm(VersionCheck, GDSForm, forms.ModelForm):
    """What was said about one member of the network, and any change in the tie."""

    submit_label = "Save and go back to relationships"
    ended_on = DateField(
        label="When did it end?",
        required=False,
        help_text="Only if it ended. For example, 2 11 2026",
        latest=timezone.localdate,
    )
    end_reason = forms.CharField(
        label="What happened?", required=False, max_length=1000, widget=textarea(2)
    )

    class Meta:
        model = TieTalkedAbout
        fields = ["what_helps", "in_the_way", "flows", "change"]
        labels = {
            "what_helps": "What helps the relationship?",
            "in_the_way": "What gets in the way?",
            "flows": "What flows each way between them?",
            "change": "Has the relationship changed?",
        }
        help_texts = {
            "flows": "What each gives the other: help, company, care, money, worry",
            "change": "A change is made to their network at once, noting this conversation",
        }
        widgets = {
            "what_helps": textarea(3),
            "in_the_way": textarea(3),
            "flows": textarea(3),
            "change": forms.RadioSelect,
        }
        error_messages = {
            "change": {"invalid_choice": "Select whether the relationship has changed, and how"}
        }

    layout_fields = [
        "what_helps",
        "in_the_way",
        "flows",
        Field.radios("change"),
        Field("ended_on"),
        "end_reason",
    ]

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        # As saved before this form: a change already made to the tie is not made again.
        self.saved_change = self.instance.change
        change = self.fields["change"]
        assert isinstance(change, forms.ChoiceField)
        change.choices = [
            (value, label)
            for value, label in TieTalkedAbout.Change.choices
            if value != TieTalkedAbout.Change.ADDED or self.saved_change == value
        ]
        change.required = False

    def clean(self):
        cleaned = super().clean()
        change = cleaned.get("change", "")
        said = any(cleaned.get(name) for name in ["what_helps", "in_the_way", "flows"])
        if not said and not change and "change" not in self.errors:
            self.add_error(
                None, "Write what was said about them, or select how the relationship changed"
            )
        if change == TieTalkedAbout.Change.ENDED and change != self.saved_change:
            ended_on = cleaned.get("ended_on")
            self.require("ended_on", "Enter when the relationship ended")
            if ended_on is not None and ended_on < self.member.started_on:
                self.add_error("ended_on", "The end must be after they became part of the network")
            if not cleaned.get("end_reason", "").strip():
                self.add_error("end_reason", "Enter what happened")
        return cleaned

    @property
    def new_change(self) -> str:
        """The change to make to the tie now: one chosen that was not made already."""
        change = self.cleaned_data.get("change", "")
        return change if change and change != self.saved_change else ""


class SectionSearchForm(GDSForm, forms.Form):
    """A search box on a section's page, sent by GET beside the section's own form: a
    subclass gives its `q`."""

    submit_label = ""
    form_method = "get"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("q", field_width=Fluid.TWO_THIRDS),
            Submit("search", "Search", css_class="govuk-button--secondary"),
        )


class TieSearchForm(SectionSearchForm):
    """Finds someone in the person's network by name, on the relationships section."""

    q = forms.CharField(label="Find someone in their network", required=False, max_length=150)


class DirectorySearchForm(SectionSearchForm):
    """Searches the community directory from the conversation's Community section."""

    q = forms.CharField(
        label="Search the community directory",
        required=False,
        max_length=200,
        help_text="For example, lunch club, gardening, or a place name",
    )
