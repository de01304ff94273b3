from crispy_forms_gds.layout import Field
from django import forms
from django.utils import timezone

from accounts.models import User
from conversations.models import Conversation
from govuk.forms import DateField, GDSForm, drop_blank_choice, offer_only, textarea
from people.models import Person
from reflection.forms import (
    CONVERSATIONS_OFFERED,
    check_about_whom,
    conversation_label,
    people_named,
)

from .models import SupervisionNote

WORDS = [
    "person_directed",
    "needs_held",
    "power",
    "power_notes",
    "relationship_needed",
    "notes",
    "agreed",
]


class SupervisionNoteForm(GDSForm, forms.ModelForm):
    submit_label = "Save the note"
    date = DateField(label="Date of the supervision", latest=timezone.localdate)

    class Meta:
        model = SupervisionNote
        fields = ["person", "conversation", "date", *WORDS]
        labels = {
            "person": "Was it about someone they work with?",
            "conversation": "Was it about a conversation?",
            "person_directed": "How did the person direct the conversation?",
            "needs_held": "What was held of their needs and dependency, beside their strengths?",
            "power": "Where did power sit?",
            "power_notes": "More about power",
            "relationship_needed": "What did the relationship need?",
            "notes": "What else you talked about",
            "agreed": "What you agreed",
        }
        help_texts = {
            "person": "Optional. The people allocated to them are listed",
            "conversation": "Optional. Their latest conversations are listed",
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
        Field.select("person"),
        Field.select("conversation"),
        "date",
        "person_directed",
        "needs_held",
        Field.radios("power"),
        "power_notes",
        "relationship_needed",
        "notes",
        "agreed",
    ]

    def __init__(self, *args, practitioner: User, lead: User, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["power"])
        # The practitioner's people and conversations, of those the lead may see.
        person = self.fields["person"]
        conversation = self.fields["conversation"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(conversation, forms.ModelChoiceField)
        person.queryset = Person.objects.visible_to(lead).filter(practitioner=practitioner)
        person.empty_label = "No one in particular"
        person.error_messages["invalid_choice"] = (
            f"Select someone allocated to {practitioner}, or no one"
        )
        conversations = Conversation.objects.visible_to(lead).filter(practitioner=practitioner)
        conversation.queryset = conversations.select_related("person")
        conversation.empty_label = "No conversation"
        conversation.error_messages["invalid_choice"] = (
            f"Select a conversation {practitioner} recorded, or no conversation"
        )
        open_people = person.queryset.filter(status=Person.Status.OPEN)
        latest = conversation.queryset.order_by("-date", "-created_at", "-pk")
        self.offered_people = offer_only(self, "person", open_people)
        self.offered_conversations = offer_only(
            self, "conversation", latest[:CONVERSATIONS_OFFERED], conversation_label
        )

    def people_named(self) -> list[Person]:
        """Everyone the choices name, for the access log."""
        return people_named(self.offered_people, self.offered_conversations)

    def clean(self):
        cleaned = super().clean()
        check_about_whom(self, cleaned)
        written = [name for name in WORDS if cleaned.get(name, "") != "" or name in self.errors]
        if not written:
            self.add_error("notes", "Enter what you talked about, or answer one of the prompts")
        return cleaned
