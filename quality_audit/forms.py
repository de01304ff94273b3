import datetime

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html

from govuk.forms import GDSForm, textarea
from history.forms import VersionCheck

from .models import RecordAudit, RubricAnswer
from .rubric import Question, questions, themes

COMMENT_MAX = 2000


class DrawForm(GDSForm, forms.Form):
    """Which month to draw a sample for: one of the months offered that has none yet."""

    submit_label = "Draw the sample"
    legend_size = Size.MEDIUM
    month = forms.ChoiceField(label="Which month?", widget=forms.RadioSelect)
    layout_fields = [Field.radios("month", legend_size=Size.MEDIUM)]

    def __init__(self, *args, months: list[tuple[datetime.date, int]], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["month"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                f"{month:%Y-%m}",
                f"{date_format(month, 'F Y')}: {signed_off} record{'s' * (signed_off != 1)} "
                "signed off",
            )
            for month, signed_off in months
        ]
        field.error_messages["required"] = "Select the month to draw a sample for"
        field.error_messages["invalid_choice"] = "Select the month to draw a sample for"

    def chosen_month(self) -> datetime.date:
        return datetime.date.fromisoformat(self.cleaned_data["month"] + "-01")


def answer_field(question: Question) -> str:
    return f"answer_{question.key}"


def comment_field(question: Question) -> str:
    return f"comment_{question.key}"


class RubricFields(forms.ModelForm):
    """The rubric's questions, from the settings, as fields of the form: an answer and an
    optional comment for each."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        given = {answer.key: answer for answer in self.instance.answers.all()}
        for question in questions():
            answer = forms.ChoiceField(
                label=question.text,
                choices=RubricAnswer.Answer.choices,
                widget=forms.RadioSelect,
                initial=given[question.key].answer if question.key in given else None,
            )
            message = f"Select Yes, Partly or No for \u201c{question.text}\u201d"
            answer.error_messages.update(required=message, invalid_choice=message)
            comment = forms.CharField(
                # Each comment's label names its question, for those who hear the page.
                label=format_html(
                    'Comment<span class="govuk-visually-hidden"> on \u201c{}\u201d</span> '
                    "(optional)",
                    question.text,
                ),
                required=False,
                max_length=COMMENT_MAX,
                widget=textarea(2),
                initial=given[question.key].comment if question.key in given else "",
            )
            on = f"The comment on \u201c{question.text}\u201d"
            comment.error_messages["max_length"] = f"{on} must be {COMMENT_MAX} characters or fewer"
            comment.error_messages["null_characters_not_allowed"] = (
                f"{on} must not contain null characters"
            )
            self.fields[answer_field(question)] = answer
            self.fields[comment_field(question)] = comment


class RecordAuditForm(VersionCheck, GDSForm, RubricFields):
    submit_label = "Save the audit"
    themes = forms.MultipleChoiceField(
        label="Themes",
        help_text="Optional. Select any that this record shows, to count across months",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RecordAudit
        fields = ["what_was_good", "what_to_improve", "themes"]
        labels = {
            "what_was_good": "What was good?",
            "what_to_improve": "What could be better?",
        }
        help_texts = {
            "what_was_good": "Optional. What the practitioner can keep doing",
            "what_to_improve": "Optional. What to do differently next time",
        }
        widgets = {"what_was_good": textarea(4), "what_to_improve": textarea(4)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, forms.MultipleChoiceField)
        # A theme no longer in the settings stays offered on an audit that has it.
        offered = themes()
        offered += [(key, key) for key in self.instance.themes if key not in dict(offered)]
        field.choices = offered
        field.error_messages["invalid_choice"] = "Select only the themes listed"
        # static/app/autosave.js saves the audit while it is being written.
        self.helper.attrs = {"data-autosave": ""}

    def get_layout_fields(self) -> list:
        rubric = []
        for question in questions():
            rubric += [
                Field.radios(answer_field(question), legend_size=Size.SMALL, inline=True),
                Field.textarea(comment_field(question), rows=2),
            ]
        return [
            *rubric,
            Field.textarea("what_was_good", rows=4),
            Field.textarea("what_to_improve", rows=4),
            Field.checkboxes("themes", legend_size=Size.SMALL, small=True),
        ]

    def answers(self) -> dict[str, tuple[str, str]]:
        """Each question's answer and comment, by its key (once the form is valid)."""
        return {
            question.key: (
                self.cleaned_data[answer_field(question)],
                self.cleaned_data[comment_field(question)],
            )
            for question in questions()
        }
