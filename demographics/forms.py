from crispy_forms_gds.layout import Field, Size
from django import forms

from govuk.forms import GDSForm, drop_blank_choice
from history.forms import VersionCheck

from .models import Demographics, Ethnicity, PrimarySupportReason, SameGender


class DemographicsForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save"

    class Meta:
        model = Demographics
        fields = [
            "ethnicity",
            "sex",
            "gender_same_as_sex",
            "gender_identity",
            "primary_support_reason",
        ]
        labels = {
            "ethnicity": "What is their ethnic group?",
            "sex": "What is their sex?",
            "gender_same_as_sex": (
                "Is the gender they identify with the same as their sex registered at birth?"
            ),
            "gender_identity": "If not, the term they use to describe their gender",
            "primary_support_reason": "What is the main reason they need support?",
        }
        help_texts = {
            "ethnicity": (
                "Optional. The groups of the 2021 Census, as the government's returns use them"
            ),
            "sex": "Optional",
            "gender_same_as_sex": "Optional",
            "gender_identity": "Optional. In their own words",
            "primary_support_reason": "Optional. The categories the government's returns use",
        }
        widgets = {
            "sex": forms.RadioSelect,
            "gender_same_as_sex": forms.RadioSelect,
        }

    layout_fields = [
        Field.select("ethnicity"),
        Field.radios("sex", legend_size=Size.SMALL),
        Field.radios("gender_same_as_sex", legend_size=Size.SMALL),
        Field.text("gender_identity"),
        Field.select("primary_support_reason"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left unanswered is "not recorded yet": the empty option says so.
        for name, options in [
            ("ethnicity", Ethnicity.choices),
            ("primary_support_reason", PrimarySupportReason.choices),
        ]:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "Not recorded yet"), *options]
        drop_blank_choice(self.fields["sex"])
        drop_blank_choice(self.fields["gender_same_as_sex"])
        messages = {
            "ethnicity": "Select their ethnic group from the list",
            "sex": "Select their sex, not known or prefers not to say",
            "gender_same_as_sex": "Select yes, no, not known or prefers not to say",
            "primary_support_reason": "Select the main reason they need support from the list",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["invalid_choice"] = message

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("gender_identity", "").strip() and (
            cleaned.get("gender_same_as_sex") != SameGender.NO
        ):
            self.add_error(
                "gender_identity",
                "Leave the term blank unless their gender is not the same as their sex "
                "registered at birth",
            )
        return cleaned
