import datetime

from django import forms
from django.utils import timezone

from accounts.access import teams_led_by
from accounts.models import User
from govuk.forms import DateField, GDSForm

from .selectors import Period


def a_year_ago() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=364)


class MeasuresForm(GDSForm, forms.Form):
    """The period and team to measure; read from the query string, a year to today unless set."""

    submit_label = "Show the measures"
    form_method = "get"
    start = DateField(label="From", required=False, help_text="For example, 1 4 2026")
    end = DateField(label="To", required=False, latest=timezone.localdate)
    team = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All your teams", label="Team"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.led = teams_led_by(user)
        self.fields["team"].queryset = self.led
        self.fields["start"].initial = a_year_ago
        self.fields["end"].initial = timezone.localdate

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("start", "The start must be on or before the end")
        return cleaned

    def period(self) -> Period | None:
        """The period asked for; None when the form has errors."""
        if self.is_bound and not self.is_valid():
            return None
        data = self.cleaned_data if self.is_bound else {}
        team = data.get("team")
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or min(a_year_ago(), end)
        teams = self.led.filter(pk=team.pk) if team else self.led
        return Period(teams=teams, start=start, end=end)
