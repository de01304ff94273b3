from crispy_forms_gds.layout import Field
from django import forms
from django.utils import timezone

from govuk.forms import DateField, GDSForm, drop_blank_choice, textarea

from .models import SupervisionNote


class SupervisionNoteForm(GDSForm, forms.ModelForm):
    submit_label = "Save the note"
    date = DateField(label="Date of the supervision", latest=timezone.localdate)

    class Meta:
        model = SupervisionNote
        fields = [
            "date",
            "person_directed",
            "needs_held",
            "power",
            "power_notes",
            "relationship_needed",
            "notes",
            "agreed",
        ]
        labels = {
            "person_directed": "How did the person direct the conversation?",
            "needs_held": "What was held of their needs and dependency, beside their strengths?",
            "power": "Where did power sit?",
            "power_notes": "More about power",
            "relationship_needed": "What did the relationship need?",
            "notes": "What else you talked about",
            "agreed": "What you agreed",
        }
        help_texts = {
            "person_directed": "Optional prompt",
            "needs_held": "Optional prompt",
            "power": "Optional prompt",
            "power_notes": "Optional",
            "relationship_needed": "Optional prompt",
        }
        widgets = {
            "person_directed": textarea(3),
            "needs_held": textarea(3),
            "power": forms.RadioSelect,
            "power_notes": textarea(2),
            "relationship_needed": textarea(3),
            "notes": textarea(6),
            "agreed": textarea(3),
        }

    layout_fields = [
        "date",
        "person_directed",
        "needs_held",
        Field.radios("power"),
        "power_notes",
        "relationship_needed",
        "notes",
        "agreed",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["power"])

    def clean(self):
        cleaned = super().clean()
        written = [
            name for name in self.Meta.fields if name != "date" and cleaned.get(name, "") != ""
        ]
        if not written and not self.errors:
            self.add_error("notes", "Enter what you talked about, or answer one of the prompts")
        return cleaned
