from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from govuk.forms import FormMixin, GDSForm


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


# What Django's password validators say, in the words of a GOV.UK error message.
PASSWORD_PROBLEMS = {
    "password_too_short": "Password must be 12 characters or more",
    "password_too_common": "Password is too common: choose one that is harder to guess",
    "password_entirely_numeric": "Password must not be only numbers",
    "password_too_similar": "Password must not be like your name or email address",
}
NEW_PASSWORD_HINT = (
    "12 characters or more. Not a common password, not only numbers and not like your name "
    "or email address. Three or four random words make a strong one."
)


MISMATCH = {
    **auth_forms.SetPasswordForm.error_messages,
    "password_mismatch": "Enter the same new password in both boxes",
}


class NewPasswordMixin(FormMixin):
    """A new password typed twice, checked beside the first box with GOV.UK messages."""

    def name_password_fields(self) -> None:
        new, again = self.fields["new_password1"], self.fields["new_password2"]
        new.label, new.help_text = "New password", NEW_PASSWORD_HINT
        again.label, again.help_text = "Type the new password again", ""
        new.error_messages["required"] = "Enter a new password"
        again.error_messages["required"] = "Enter the new password again"

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            for problem in error.error_list:
                message = PASSWORD_PROBLEMS.get(problem.code or "", problem.messages[0])
                self.add_error(password_field_name, message)


class PasswordChangeForm(NewPasswordMixin, GDSForm, auth_forms.PasswordChangeForm):
    submit_label = "Change password"
    error_messages = {
        **MISMATCH,
        "password_incorrect": "Your current password is not right: type it as you sign in",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.fields["old_password"]
        current.label = "Current password"
        current.error_messages["required"] = "Enter your current password"
        current.widget.attrs.pop("autofocus", None)
        self.name_password_fields()


class SetPasswordForm(NewPasswordMixin, GDSForm, auth_forms.SetPasswordForm):
    submit_label = "Set password"
    error_messages = MISMATCH

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name_password_fields()


class PasswordResetForm(GDSForm, auth_forms.PasswordResetForm):
    submit_label = "Send the link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The email address you sign in with"
        email.widget.attrs.update(spellcheck="false")
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
