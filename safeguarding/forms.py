import datetime

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.utils import timezone

from govuk.forms import DateField, GDSForm, drop_blank_choice, textarea
from history.forms import VersionCheck

from .models import SafeguardingConcern

Answer = SafeguardingConcern.Answer
Decision = SafeguardingConcern.Decision
Advocate = SafeguardingConcern.Advocate
OLDEST_YEARS = 100
CRITERIA = ["has_care_needs", "abuse_or_neglect", "unable_to_protect"]
ADVOCACY = ["substantial_difficulty", "appropriate_person"]
ADVOCATE_DUE = (
    "Select offered or appointed: they would have substantial difficulty being involved and "
    "have no one appropriate to support them, so an independent advocate must be arranged "
    "(Care Act 2014, section 68)"
)


def earliest_raised() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - OLDEST_YEARS, day=min(today.day, 28))


class ConcernForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save the concern"
    raised_on = DateField(
        label="Date the concern was raised",
        help_text="For example, 2 11 2026",
        earliest=earliest_raised,
        latest=timezone.localdate,
    )

    class Meta:
        model = SafeguardingConcern
        fields = [
            "raised_on",
            "what",
            "who_told",
            *CRITERIA,
            "decision",
            "decision_reasons",
            "desired_outcomes",
            *ADVOCACY,
            "advocate",
            "advocate_name",
            "advocate_organisation",
            "what_happened_next",
        ]
        labels = {
            "what": "What is the concern?",
            "who_told": "Who was told?",
            "has_care_needs": "Do they have needs for care and support?",
            "abuse_or_neglect": "Are they experiencing, or at risk of, abuse or neglect?",
            "unable_to_protect": "As a result of those needs, are they unable to protect "
            "themselves?",
            "decision": "Will enquiries be made?",
            "decision_reasons": "Reasons for the decision",
            "desired_outcomes": "What do they want to happen?",
            "substantial_difficulty": "Would they have substantial difficulty being involved "
            "without an independent advocate?",
            "appropriate_person": "Is there someone appropriate to represent and support them?",
            "advocate": "Independent advocate",
            "advocate_name": "Advocate's name",
            "advocate_organisation": "Advocate's organisation",
            "what_happened_next": "What happened next?",
        }
        help_texts = {
            "what": "What happened, or was seen or said, and by whom. Keep to what is known",
            "who_told": "For example, the safeguarding adults team, the police, their GP: "
            "who, and when",
            "has_care_needs": "Section 42(1)(a): “has needs for care and support (whether or "
            "not the authority is meeting any of those needs)”",
            "abuse_or_neglect": "Section 42(1)(b): “is experiencing, or is at risk of, abuse "
            "or neglect”. Abuse includes financial abuse (section 42(3))",
            "unable_to_protect": "Section 42(1)(c): “as a result of those needs is unable to "
            "protect himself or herself against the abuse or neglect or the risk of it”",
            "decision": "Section 42(2): the local authority “must make (or cause to be made) "
            "whatever enquiries it thinks necessary to enable it to decide whether any action "
            "should be taken in the adult’s case”",
            "decision_reasons": "Needed once enquiries are decided on, either way",
            "desired_outcomes": "In their own words (Making Safeguarding Personal): what would "
            "help them feel safe, and what they do not want to happen",
            "substantial_difficulty": "Section 68(3): in “understanding relevant information”, "
            "“retaining that information”, “using or weighing that information as part of the "
            "process of being involved”, or “communicating the individual’s views, wishes or "
            "feelings (whether by talking, using sign language or any other means)”",
            "appropriate_person": "Someone close to them, not paid or professionally engaged to "
            "care for or treat them, who could support them through the enquiry",
            "advocate": "An independent advocate is arranged when they would have substantial "
            "difficulty being involved and have no one appropriate to support them",
            "advocate_name": "Needed once an advocate is appointed",
            "advocate_organisation": "Needed once an advocate is appointed",
            "what_happened_next": "What was done, by whom, and what they thought of it",
        }
        widgets = {
            "what": textarea(5),
            "who_told": textarea(2),
            **dict.fromkeys([*CRITERIA, "decision", *ADVOCACY, "advocate"], forms.RadioSelect),
            "decision_reasons": textarea(3),
            "desired_outcomes": textarea(4),
            "what_happened_next": textarea(4),
        }

    layout_fields = [
        Fieldset(
            Field("raised_on"),
            Field.textarea("what", rows=5),
            Field.textarea("who_told", rows=2),
            legend="The concern",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            *[Field.radios(name, inline=True) for name in CRITERIA],
            legend="Does the duty to make enquiries apply? (Care Act 2014, section 42(1))",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.radios("decision"),
            Field.textarea("decision_reasons", rows=3),
            legend="The decision",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.textarea("desired_outcomes", rows=4),
            legend="What matters to them",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            *[Field.radios(name, inline=True) for name in ADVOCACY],
            Field.radios("advocate"),
            Field.text("advocate_name", field_width=Fluid.TWO_THIRDS),
            Field.text("advocate_organisation", field_width=Fluid.TWO_THIRDS),
            legend="Independent advocacy (Care Act 2014, section 68)",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.textarea("what_happened_next", rows=4),
            legend="What happened next",
            legend_size=Size.MEDIUM,
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [*CRITERIA, *ADVOCACY]:
            self._say_when_unanswered(name, "Select yes, no or not yet known")
        self._say_when_unanswered("decision", "Select whether enquiries will be made")
        self._say_when_unanswered("advocate", "Select whether an advocate is needed")
        self.fields["what"].error_messages["required"] = "Enter what the concern is"
        self.fields["who_told"].error_messages["required"] = "Enter who was told"
        if self.instance.pk:
            # static/app/autosave.js saves a concern being changed while the practitioner types.
            self.helper.attrs = {"data-autosave": ""}

    def _say_when_unanswered(self, name: str, message: str) -> None:
        field = self.fields[name]
        drop_blank_choice(field)
        field.error_messages["required"] = field.error_messages["invalid_choice"] = message

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in {Decision.ENQUIRE, Decision.NO_ENQUIRY}:
            self.require("decision_reasons", "Enter the reasons for the decision")
        if cleaned.get("advocate") == Advocate.APPOINTED:
            self.require("advocate_name", "Enter the advocate's name")
            self.require("advocate_organisation", "Enter the advocate's organisation")
        advocate_due = (
            cleaned.get("substantial_difficulty") == Answer.YES
            and cleaned.get("appropriate_person") == Answer.NO
        )
        if advocate_due and cleaned.get("advocate") == Advocate.NOT_NEEDED:
            self.add_error("advocate", ADVOCATE_DUE)
        return cleaned


class CloseForm(GDSForm, forms.Form):
    submit_label = "Close the concern"
    closed_on = DateField(
        label="Date closed",
        help_text="For example, 2 11 2026",
        latest=timezone.localdate,
    )
    closing_note = forms.CharField(
        label="Why is it being closed?",
        help_text="What was done, whether they are safer, and whether they agree",
        max_length=5000,
        widget=textarea(4),
        error_messages={"required": "Enter why the concern is being closed"},
    )

    def __init__(self, *args, concern: SafeguardingConcern, **kwargs):
        super().__init__(*args, **kwargs)
        closed_on = self.fields["closed_on"]
        assert isinstance(closed_on, DateField)
        closed_on.earliest = lambda: concern.raised_on
