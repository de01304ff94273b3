from django import forms
from django.db import models

from govuk.forms import GDSForm


class SubjectAccessRequestForm(GDSForm, forms.Form):
    """The request a subject access export answers: its reference goes in the access log."""

    submit_label = "Continue"

    reference = forms.CharField(
        label="Reference of the subject access request",
        help_text="For example, SAR-2026-0142. It is kept in the access log with the export",
        max_length=100,
        error_messages={
            "required": "Enter the reference of the subject access request",
            "max_length": "The reference must be 100 characters or fewer",
        },
    )

    def clean_reference(self) -> str:
        return " ".join(self.cleaned_data["reference"].split())


class PersonSearchForm(forms.Form):
    """Whom to find in the access log: by name or NHS number."""

    q = forms.CharField(
        label="Name or NHS number",
        required=False,
        max_length=100,
        error_messages={
            "null_characters_not_allowed": "Search must not contain null characters",
            "max_length": "Search must be 100 characters or fewer",
        },
    )

    def query(self) -> str:
        """The search, or "" when there is none or it is refused."""
        return self.cleaned_data["q"] if self.is_valid() else ""


class RetentionFilterForm(forms.Form):
    """Which closed records to list for information governance."""

    class Show(models.TextChoices):
        CLOSED = "closed", "All closed records not yet anonymised"
        DUE = "due", "Due to be anonymised within 90 days"
        HELD = "held", "On legal hold"

    show = forms.ChoiceField(
        label="Show", choices=Show.choices, required=False, initial=Show.CLOSED
    )

    def chosen(self) -> str:
        if self.is_valid() and self.cleaned_data["show"]:
            return self.cleaned_data["show"]
        return self.Show.CLOSED


class LegalHoldForm(GDSForm, forms.Form):
    submit_label = "Place the legal hold"
    reason = forms.CharField(
        label="Why must the record be kept?",
        help_text=(
            "For example, a claim against the council, an inquiry or a complaint to the Ombudsman"
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the record must be kept"},
    )


class LiftLegalHoldForm(GDSForm, forms.Form):
    submit_label = "Lift the legal hold"
    because = forms.CharField(
        label="Why is the legal hold being lifted?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the legal hold is being lifted"},
    )
