import re

from django import forms

from govuk.forms import GDSForm

CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
)


def _typed_code(value: str) -> str:
    """A code as typed, without the spaces and dashes people add to read it."""
    return re.sub(r"[\s-]", "", value).lower()


class AppCodeForm(GDSForm, forms.Form):
    """The first code of a newly set up authenticator app."""

    submit_label = "Set up the app"
    code = forms.CharField(
        label="Code from the app",
        help_text="6 numbers, for example 123456",
        max_length=20,
        widget=CODE_WIDGET,
    )

    def clean_code(self) -> str:
        code = _typed_code(self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError("Enter the 6 numbers the app shows, like 123456")
        return code


class CodeForm(GDSForm, forms.Form):
    """A code from the user's authenticator app, or one of their recovery codes."""

    submit_label = "Continue"
    code = forms.CharField(
        label="Code",
        help_text=("The 6 numbers your authenticator app shows now, or one of your recovery codes"),
        max_length=40,
        widget=CODE_WIDGET,
    )

    def clean_code(self) -> str:
        code = _typed_code(self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}|[a-z2-7]{8}", code):
            raise forms.ValidationError(
                "Enter the 6 numbers your app shows, like 123456, or a recovery code of 8 "
                "letters and numbers"
            )
        return code
