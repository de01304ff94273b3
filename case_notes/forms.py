from crispy_forms_gds.layout import Field
from django import forms
from django.utils import timezone

from govuk.forms import DateField, GDSForm, drop_blank_choice, textarea
from history.forms import VersionCheck

from .models import CaseNote


class CaseNoteForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save the note"
    date = DateField(
        label="Date",
        help_text="The day it happened. For example, 2 11 2026",
        latest=timezone.localdate,
    )

    class Meta:
        model = CaseNote
        fields = ["date", "kind", "with_whom", "what_was_said", "next_steps", "significant"]
        labels = {
            "kind": "What was it?",
            "with_whom": "Who was it with?",
            "what_was_said": "What was said?",
            "next_steps": "What happens next?",
            "significant": "Add it to their chronology",
        }
        help_texts = {
            "with_whom": "Optional. For example, their daughter, or the district nurse",
            "next_steps": "Optional",
            "significant": "For a significant event: the chronology prints on its own",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "what_was_said": textarea(5),
            "next_steps": textarea(3),
        }

    layout_fields = [
        Field("date"),
        Field.radios("kind", legend_size="s"),
        Field.text("with_whom"),
        Field.textarea("what_was_said"),
        Field.textarea("next_steps"),
        Field.checkbox("significant"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["kind"])
        self.fields["kind"].error_messages["required"] = "Select what it was"
        self.fields["kind"].error_messages["invalid_choice"] = "Select what it was"
        self.fields["what_was_said"].error_messages["required"] = "Enter what was said"
        if self.instance.pk is not None:
            # static/app/autosave.js saves a change while the practitioner types; a new note
            # is saved by its button.
            self.helper.attrs = {"data-autosave": ""}
