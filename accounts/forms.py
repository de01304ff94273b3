from django import forms
from django.contrib.auth.forms import AuthenticationForm

from govuk.forms import GDSForm


class SignInForm(GDSForm, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter the email address and password of your account",
        "inactive": "This account has been closed. Ask an administrator if you need it again",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = "Email address"
        username.widget = forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        username.error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


def sign_in_username(request, credentials: dict | None) -> str:
    """The account a sign-in attempt is for, as django-axes counts failures: one per address,
    however it was typed."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    # django-axes keeps it in a column of 255 characters; no email address is longer than 254.
    return typed.strip().lower()[:254]
