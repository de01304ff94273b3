from django import forms

from accounts.access import teams_led_by
from accounts.models import Team, User
from govuk.forms import GDSForm


class CaseloadForm(GDSForm, forms.Form):
    """Which team, and how long without a conversation counts as not seen. From the query string."""

    submit_label = "Show"
    form_method = "get"
    team: "forms.ModelChoiceField[Team]" = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All your teams", label="Team"
    )
    weeks = forms.IntegerField(
        label="Not seen for how many weeks?",
        min_value=1,
        max_value=104,
        initial=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Weeks must be a whole number, like 6",
            "min_value": "Weeks must be 1 or more",
            "max_value": "Weeks must be 104 or fewer",
        },
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = teams_led_by(user)
        self.led = teams_led_by(user)

    def chosen(self) -> tuple[list[int], int]:
        """The ids of the teams asked for and the weeks, or all the lead's teams and six weeks.
        The teams go by their ids, so that PostgreSQL plans each query for those teams' own
        people (read by the index of people by team) rather than guessing how many a subquery
        of teams holds; and so that the figures kept in the cache are keyed by them."""
        valid = self.is_valid()
        team = self.cleaned_data["team"] if valid else None
        weeks = (self.cleaned_data["weeks"] if valid else None) or 6
        ids = [team.pk] if team else list(self.led.values_list("pk", flat=True))
        return ids, weeks
