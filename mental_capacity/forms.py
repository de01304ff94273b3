from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.utils import timezone

from govuk.forms import DateField, GDSForm, drop_blank_choice, textarea
from history.forms import VersionCheck

from .models import BEST_INTERESTS, FUNCTIONAL, CapacityAssessment, DecisionMaker, Outcome

ENDED_BEFORE_START = "Date it ended must be on or after the date it started ({since})"
STARTED_AFTER_END = "Date it started must be on or before the date it ended ({ended})"


def autosave_changes(form: "DecisionMakerForm | CapacityAssessmentForm") -> None:
    """static/app/autosave.js saves a change to a saved record while the practitioner
    types, as on every section of a conversation; a new one is saved by its button."""
    if form.instance.pk is not None:
        form.helper.attrs = {"data-autosave": ""}


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


class DecisionMakerForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save"
    since = DateField(
        label="Date it started",
        help_text=(
            "When the lasting power of attorney was registered, or the Court of Protection "
            "appointed the deputy. For example, 27 3 2024"
        ),
        latest=timezone.localdate,
    )

    class Meta:
        model = DecisionMaker
        fields = ["kind", "holder_name", "holder_contact", "since", "checked", "check_note"]
        labels = {
            "kind": "What may they decide?",
            "holder_name": "Who holds it?",
            "holder_contact": "How to contact them (optional)",
            "checked": "Has it been checked? (optional)",
            "check_note": "How was it checked? (optional)",
        }
        help_texts = {
            "kind": (
                "A lasting power of attorney is made by the person and registered with the "
                "Office of the Public Guardian; a deputy is appointed by the Court of Protection"
            ),
            "holder_name": "The attorney's or deputy's full name",
            "holder_contact": "A phone number, email address or postal address",
            "checked": (
                "For example, you have seen the registered lasting power of attorney or the "
                "court order, or checked with the Office of the Public Guardian"
            ),
            "check_note": "For example, seen the registered lasting power of attorney",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "checked": forms.RadioSelect,
            "holder_contact": textarea(2),
            "check_note": textarea(2),
        }
        error_messages = {
            "kind": {"required": "Select what they may decide"},
            "holder_name": {"required": "Enter the name of who holds it"},
            "checked": {"invalid_choice": "Select yes if it has been checked, or no"},
        }

    layout_fields = [
        Field.radios("kind"),
        Field.text("holder_name", field_width=Fluid.TWO_THIRDS),
        Field.textarea("holder_contact"),
        Field("since"),
        Field.radios("checked", inline=True),
        Field.textarea("check_note"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["kind", "checked"]:
            drop_blank_choice(self.fields[name])
        autosave_changes(self)

    def clean_since(self):
        since = self.cleaned_data["since"]
        ended = self.instance.ended_on
        if ended and since > ended:
            raise forms.ValidationError(STARTED_AFTER_END.format(ended=_long(ended)))
        return since


class EndDecisionMakerForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "They no longer decide for them"
    ended_on = DateField(
        label="Date it ended",
        help_text=(
            "For example, when the lasting power of attorney was revoked or the court order "
            "ended. For example, 27 3 2026"
        ),
        latest=timezone.localdate,
    )

    class Meta:
        model = DecisionMaker
        fields = ["ended_on"]

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        since = self.instance.since
        if since and ended_on < since:
            raise forms.ValidationError(ENDED_BEFORE_START.format(since=_long(since)))
        return ended_on


ABLE_TO = {
    "understands": (
        "Can they understand the information about the decision?",
        "The Act: “to understand the information relevant to the decision”. They can if "
        "they understand it explained in a way that suits them, such as in simple language "
        "or with visual aids",
        "What showed whether they understand it? (optional)",
        "Select whether they can understand the information",
    ),
    "retains": (
        "Can they remember the information long enough to make the decision?",
        "The Act: “to retain that information”. Remembering it for a short time only is enough",
        "What showed whether they remember it? (optional)",
        "Select whether they can remember the information",
    ),
    "uses_or_weighs": (
        "Can they use or weigh up the information to make the decision?",
        "The Act: “to use or weigh that information as part of the process of making the "
        "decision”. An unwise decision is not by itself a sign that they cannot",
        "What showed whether they can use or weigh it? (optional)",
        "Select whether they can use or weigh up the information",
    ),
    "communicates": (
        "Can they communicate their decision?",
        "The Act: “to communicate his decision (whether by talking, using sign language or "
        "any other means)”",
        "What showed whether they can communicate it? (optional)",
        "Select whether they can communicate their decision",
    ),
}


class CapacityAssessmentForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save the assessment"
    assessed_on = DateField(
        label="Date assessed",
        help_text="For example, 27 3 2026",
        latest=timezone.localdate,
    )

    class Meta:
        model = CapacityAssessment
        fields = [
            "decision",
            "assessed_on",
            "impairment",
            *[name for functional in FUNCTIONAL for name in (functional, f"{functional}_note")],
            "outcome",
            *BEST_INTERESTS,
        ]
        labels = {
            "decision": "What is the decision?",
            "impairment": "Is something affecting how their mind or brain works?",
            "outcome": "What is the outcome?",
            "best_interests_decision": "What was decided in their best interests?",
            "consulted": "Who was consulted?",
            "wishes_and_feelings": "What are their own wishes and feelings? (optional)",
        }
        help_texts = {
            "decision": (
                "One specific decision, such as whether to move into a care home. Capacity is "
                "about this decision at this time, not about decisions in general"
            ),
            "impairment": (
                "The Act: “an impairment of, or a disturbance in the functioning of, the mind "
                "or brain”. It may be permanent or temporary"
            ),
            "outcome": (
                "They lack capacity for this decision only if they cannot do at least one of "
                "the four things because of something affecting how their mind or brain works "
                "(sections 2 and 3 of the Mental Capacity Act 2005)"
            ),
            "best_interests_decision": "Only if they lack capacity for this decision",
            "consulted": (
                "For example, their family or carers, anyone they named, and any attorney or "
                "deputy. The Act: “anyone engaged in caring for the person or interested in his "
                "welfare”"
            ),
            "wishes_and_feelings": "The Act: “the person's past and present wishes and feelings”",
        }
        widgets = {
            "decision": textarea(2),
            "impairment": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            **dict.fromkeys(FUNCTIONAL, forms.RadioSelect),
            **{f"{name}_note": textarea(2) for name in FUNCTIONAL},
            **{name: textarea(4) for name in BEST_INTERESTS},
        }
        error_messages = {
            "decision": {"required": "Enter the decision"},
            "impairment": {
                "required": "Select yes if something affects how their mind or brain works",
            },
            "outcome": {"required": "Select the outcome"},
        }

    layout_fields = [
        Field.textarea("decision"),
        Field("assessed_on"),
        Field.radios("impairment", inline=True),
        Fieldset(
            *[
                field
                for name in FUNCTIONAL
                for field in (Field.radios(name), Field.textarea(f"{name}_note"))
            ],
            legend="Can they make the decision?",
            legend_size=Size.MEDIUM,
        ),
        Field.radios("outcome"),
        Fieldset(
            *[Field.textarea(name) for name in BEST_INTERESTS],
            legend="If they lack capacity for this decision",
            legend_size=Size.MEDIUM,
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, hint, note, required) in ABLE_TO.items():
            self.fields[name].label = label
            self.fields[name].help_text = hint
            self.fields[name].error_messages["required"] = required
            self.fields[name].error_messages["invalid_choice"] = required
            self.fields[f"{name}_note"].label = note
        for name in ["impairment", "outcome", *FUNCTIONAL]:
            field = self.fields[name]
            field.error_messages["invalid_choice"] = field.error_messages["required"]
            drop_blank_choice(field)
        autosave_changes(self)

    def clean(self):
        cleaned = super().clean()
        answers = ["impairment", *FUNCTIONAL, "outcome"]
        if all(cleaned.get(name) for name in answers):
            answered = CapacityAssessment(**{name: cleaned[name] for name in answers})
            for problem in answered.outcome_problems():
                self.add_error("outcome", problem)
        if cleaned.get("outcome") == Outcome.LACKS_CAPACITY:
            self.require(
                "best_interests_decision", "Enter what was decided in their best interests"
            )
            self.require("consulted", "Enter who was consulted")
        elif cleaned.get("outcome") == Outcome.HAS_CAPACITY:
            # They decide for themselves: nothing is decided for them in their best interests.
            cleaned.update(dict.fromkeys(BEST_INTERESTS, ""))
        return cleaned
