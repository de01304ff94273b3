from crispy_forms_gds.layout import Field
from django import forms
from django.utils import timezone

from accounts.models import User
from conversations.models import Conversation
from govuk.forms import DateField, GDSForm, offer_only, textarea
from history.forms import VersionCheck
from people.models import Person

from .models import ReflectiveNote

# The choice of a conversation lists the latest; an older one is chosen from its record.
CONVERSATIONS_OFFERED = 50
WORDS = ["what_happened", "thoughts_and_feelings", "what_next"]
NO_WORDS = "Enter what happened, what you thought and felt, or what you will do"


def conversation_label(conversation: Conversation) -> str:
    when = conversation.date.strftime("%-d %B %Y") if conversation.date else "Undated"
    return f"{when}: conversation {conversation.stage} with {conversation.person.display_name}"


class ReflectiveNoteForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save the note"
    date = DateField(
        label="Date",
        help_text="The day you are thinking about. For example, 2 11 2026",
        latest=timezone.localdate,
    )

    class Meta:
        model = ReflectiveNote
        fields = ["person", "conversation", "date", *WORDS]
        labels = {
            "person": "Is it about someone you work with?",
            "conversation": "Is it about a conversation?",
            "what_happened": "What happened?",
            "thoughts_and_feelings": "What did you think and feel?",
            "what_next": "What will you do differently, or keep doing?",
        }
        help_texts = {
            "person": (
                "Optional. The people allocated to you are listed: to write about someone else "
                "your team works with, start from their page"
            ),
            "conversation": (
                "Optional. Your latest conversations are listed: for an older one, start from "
                "its record"
            ),
            "what_happened": "Answer any of these questions, in your own words",
        }
        widgets = {name: textarea(4) for name in WORDS}

    layout_fields = [
        Field.select("person"),
        Field.select("conversation"),
        Field("date"),
        *[Field.textarea(name) for name in WORDS],
    ]

    def __init__(self, *args, author: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Any record the author may see is accepted; the lists offer those likely to be meant.
        person = self.fields["person"]
        conversation = self.fields["conversation"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(conversation, forms.ModelChoiceField)
        person.queryset = Person.objects.visible_to(author)
        person.empty_label = "No one in particular"
        person.error_messages["invalid_choice"] = "Select someone your team works with, or no one"
        conversation.queryset = Conversation.objects.visible_to(author).select_related("person")
        conversation.empty_label = "No conversation"
        conversation.error_messages["invalid_choice"] = (
            "Select a conversation with someone your team works with, or no conversation"
        )
        allocated = person.queryset.filter(practitioner=author, status=Person.Status.OPEN)
        latest = conversation.queryset.filter(practitioner=author)
        latest = latest.order_by("-date", "-created_at", "-pk")[:CONVERSATIONS_OFFERED]
        self.offered_people = offer_only(self, "person", allocated)
        self.offered_conversations = offer_only(self, "conversation", latest, conversation_label)

    def people_named(self) -> list[Person]:
        """Everyone the choices name, for the access log."""
        return people_named(self.offered_people, self.offered_conversations)

    def clean(self):
        cleaned = super().clean()
        check_about_whom(self, cleaned)
        written = any(cleaned.get(name) or name in self.errors for name in WORDS)
        if not written:
            self.add_error("what_happened", NO_WORDS)
        return cleaned


def people_named(people: list[Person], conversations: list[Conversation]) -> list[Person]:
    return [*people, *(conversation.person for conversation in conversations)]


def check_about_whom(form: forms.BaseForm, cleaned: dict) -> None:
    """A conversation chosen says whom it is about; one with someone else than the person
    chosen is an error."""
    person, conversation = cleaned.get("person"), cleaned.get("conversation")
    if conversation is None:
        return
    if person is None and "person" not in form.errors:
        cleaned["person"] = conversation.person
    elif person is not None and conversation.person != person:
        form.add_error(
            "conversation", f"Select a conversation with {person.display_name}, or no conversation"
        )


class ShareForm(GDSForm, forms.Form):
    submit_label = "Share it with my team lead"
