import re

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from govuk.forms import DateField, GDSForm, textarea
from people.forms import OLDEST_AGE_YEARS, years_ago
from people.validators import normalise_nhs_number, validate_nhs_number

# At least a sentence: "Duty call, records needed" says too little for the access log.
REASON_AT_LEAST = 20


class ReasonForm(GDSForm, forms.Form):
    reason = forms.CharField(
        label="Why do you need to open a record outside your teams?",
        help_text=(
            "What has happened and why it cannot wait for their own team. Do not write their "
            "name or NHS number: the reason is kept in the access log, and their own team lead "
            "and information governance read it."
        ),
        min_length=REASON_AT_LEAST,
        max_length=2000,
        widget=textarea(4),
        error_messages={
            "required": "Enter why you need to open the record",
            "min_length": (
                f"Give the reason in a sentence or more: at least {REASON_AT_LEAST} characters"
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's own check would stop the form with its own words, not ours.
        self.fields["reason"].widget.attrs.pop("minlength", None)


class SearchForm(GDSForm, forms.Form):
    """Their NHS number, or their full name and date of birth, matched exactly. What is typed
    here is never stored or logged (see views.py)."""

    submit_label = "Find the record"

    # Longer than the number, so that spaces may be typed.
    nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=16, help_text="For example, 943 476 5919"
    )
    given_names = forms.CharField(label="First names", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    date_of_birth = DateField(
        label="Date of birth",
        required=False,
        help_text="For example, 27 3 1950",
        earliest=lambda: years_ago(OLDEST_AGE_YEARS),
        latest=timezone.localdate,
    )

    layout_fields = [
        Field.text("nhs_number", field_width=Fixed.TEN),
        Fieldset(
            Field.text("given_names", field_width=Fluid.TWO_THIRDS),
            Field.text("family_name", field_width=Fluid.TWO_THIRDS),
            Field("date_of_birth"),
            legend="Or their full name and date of birth",
            legend_size=Size.SMALL,
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["nhs_number", "given_names", "family_name"]:
            # Nothing typed here is offered again by the browser.
            self.fields[name].widget.attrs.update(autocomplete="off", spellcheck="false")

    def clean_nhs_number(self) -> str:
        number = normalise_nhs_number(self.cleaned_data["nhs_number"])
        if number:
            validate_nhs_number(number)
        return number

    def clean_given_names(self) -> str:
        return _one_space(self.cleaned_data["given_names"])

    def clean_family_name(self) -> str:
        return _one_space(self.cleaned_data["family_name"])

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("nhs_number") or "nhs_number" in self.errors:
            return cleaned
        named = [cleaned.get(name) for name in ["given_names", "family_name", "date_of_birth"]]
        if not any(named) and not self.errors:
            raise ValidationError(
                "Enter their NHS number, or their full name and date of birth", code="required"
            )
        self.require("given_names", "Enter their first names")
        self.require("family_name", "Enter their last name")
        self.require(
            "date_of_birth", "Enter their date of birth: a name alone does not find a record"
        )
        return cleaned

    def identifiers(self) -> dict:
        """What to match exactly: the NHS number, or the name and date of birth, or all."""
        return {
            name: self.cleaned_data[name]
            for name in ["nhs_number", "given_names", "family_name", "date_of_birth"]
        }


def _one_space(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()
