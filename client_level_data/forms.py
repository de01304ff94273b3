import datetime

from django import forms

from govuk.forms import GDSForm

from .quarters import Quarter, recent

QUARTERS_OFFERED = 8


class QuarterForm(GDSForm, forms.Form):
    """Which quarter's return: one of the last complete quarters."""

    submit_label = "Show this quarter"
    form_method = "get"

    quarter = forms.ChoiceField(label="Quarter", choices=[])

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        offered = recent(today, QUARTERS_OFFERED)
        field = self.fields["quarter"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(quarter.name, str(quarter)) for quarter in offered]
        field.initial = offered[0].name
        message = "Select a quarter from the list"
        field.error_messages["required"] = field.error_messages["invalid_choice"] = message

    def chosen(self) -> Quarter:
        return Quarter.named(self.cleaned_data["quarter"])
