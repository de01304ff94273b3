from django import forms


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
