import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import User
from history.models import SavedBy
from people.models import Person


class CaseNoteQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "CaseNoteQuerySet":
        return self.filter(person_scope(user, via="person"))


class CaseNote(SavedBy, models.Model):
    """A short dated note of contact between conversations: a call, a visit, information
    received or a message left. Part of the person's record, read by whoever may see them."""

    class Kind(models.TextChoices):
        CALL = "call", "A phone call"
        VISIT = "visit", "A visit"
        INFORMATION = "information", "Information received"
        MESSAGE = "message", "A message left"
        OTHER = "other", "Something else"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_notes")
    date = models.DateField(default=timezone.localdate)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    with_whom = models.CharField("who it was with", max_length=200, blank=True)
    what_was_said = models.TextField(max_length=5000)
    next_steps = models.TextField("what happens next", max_length=5000, blank=True)
    significant = models.BooleanField("in their chronology", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = CaseNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-date"])]

    def __str__(self) -> str:
        return f"Note of {self.date:%-d %B %Y}: {self.get_kind_display().lower()}"
