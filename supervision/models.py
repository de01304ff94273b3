import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import supervision_scope
from accounts.models import User
from conversations.models import Conversation
from history.models import SavedBy
from people.models import Person


class SupervisionNoteQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "SupervisionNoteQuerySet":
        return self.filter(supervision_scope(user))


class SupervisionNote(SavedBy, models.Model):
    """A team lead's note of reflective supervision with one practitioner, for the two of them.

    The prompts come from relationship-based practice: how the person directed
    the conversation, what was held of their needs and dependency as well as
    their strengths, where power sat, and what the relationship needed. One linked to a person
    (or a conversation with them) is in their subject access export and is anonymised with
    their record.
    """

    class Power(models.TextChoices):
        OVER = "over", "Power over: we decided for the person"
        TO = "to", "Power to: the person decided, with our help"
        SHARED = "shared", "Cooperative power: we decided and acted together"
        PROTECTIVE = "protective", "Protective power: we kept them, and each other, safe"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_given"
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_received"
    )
    # What the supervision talked about, if it was one person's work: that person's data too.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="supervision_notes"
    )
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervision_notes",
    )
    date = models.DateField(default=timezone.localdate)
    person_directed = models.TextField(max_length=5000, blank=True)
    needs_held = models.TextField(max_length=5000, blank=True)
    power = models.CharField(max_length=10, choices=Power.choices, blank=True)
    power_notes = models.TextField(max_length=5000, blank=True)
    relationship_needed = models.TextField(max_length=5000, blank=True)
    notes = models.TextField(max_length=10000, blank=True)
    agreed = models.TextField("what we agreed", max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when its words are removed, SUPERVISION_RETENTION_YEARS after the supervision.
    anonymised_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = SupervisionNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["practitioner", "-date"])]

    def __str__(self) -> str:
        return f"Supervision with {self.practitioner} on {self.date:%-d %B %Y}"
