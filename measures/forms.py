import datetime

from django import forms
from django.utils import timezone

from accounts.access import teams_led_by
from accounts.models import Team, User
from govuk.forms import DateField, GDSForm

from .selectors import Period

# A period is bounded so that the page stays quick and its charts readable: no case
# record here goes back before 2000, and five years make 61 monthly bars, where a period
# from year 1 made 24,000 of them and took 2.8 seconds.
EARLIEST = datetime.date(2000, 1, 1)
LONGEST_YEARS = 5


def a_year_ago() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=364)


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year - years, day=28)


class MeasuresForm(GDSForm, forms.Form):
    """The period and team to measure; read from the query string, a year to today unless set."""

    submit_label = "Show the measures"
    form_method = "get"
    start = DateField(
        label="From",
        required=False,
        earliest=lambda: EARLIEST,
        help_text=f"For example, 1 4 2026. Up to {LONGEST_YEARS} years before To",
    )
    end = DateField(
        label="To", required=False, earliest=lambda: EARLIEST, latest=timezone.localdate
    )
    team: "forms.ModelChoiceField[Team]" = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All your teams", label="Team"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.led = teams_led_by(user)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = self.led
        self.fields["start"].initial = a_year_ago
        self.fields["end"].initial = timezone.localdate

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if "end" not in self.errors:
            end = end or timezone.localdate()
        if start and end and start > end:
            self.add_error("start", "The start must be on or before the end")
        elif start and end and start < (earliest := years_before(end, LONGEST_YEARS)):
            self.add_error(
                "start",
                f"From must be no more than {LONGEST_YEARS} years before To: "
                f"{earliest.day} {earliest:%B %Y} or later",
            )
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
