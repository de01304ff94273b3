import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import reflection_scope
from accounts.models import User
from conversations.models import Conversation
from history.models import SavedBy
from people.models import Person


class ReflectiveNoteQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "ReflectiveNoteQuerySet":
        return self.filter(reflection_scope(user))


class ReflectiveNote(SavedBy, models.Model):
    """A practitioner's own reflection on their practice, private to them unless they share it
    with their team lead. One about a person (or a conversation with them) is that person's
    data too: it is in their subject access export and is anonymised with their record."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reflective_notes"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="reflective_notes"
    )
    # A draft conversation may be thrown away; the note stays, about the person.
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reflective_notes",
    )
    date = models.DateField(default=timezone.localdate)
    what_happened = models.TextField(max_length=5000, blank=True)
    thoughts_and_feelings = models.TextField("what I thought and felt", max_length=5000, blank=True)
    what_next = models.TextField(
        "what I will do differently, or keep doing", max_length=5000, blank=True
    )
    shared_with_lead = models.BooleanField(default=False)
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when its words are removed with the record of the person it is about.
    anonymised_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ReflectiveNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["author", "-date"])]

    def __str__(self) -> str:
        return f"Reflective note of {self.date:%-d %B %Y}"

    def share(self, *, by: User) -> None:
        """Lets the author's team leads read the note, from now on."""
        if self.shared_with_lead:
            return
        self.shared_with_lead = True
        self.shared_at = timezone.now()
        self.save_by(by, update_fields=["shared_with_lead", "shared_at"])
