from django import forms

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
