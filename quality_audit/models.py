import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.access import quality_audit_scope
from accounts.models import User
from conversations.models import Conversation
from history.models import SavedBy


class MonthlySample(models.Model):
    """The records drawn at random, once, for one month's quality audit: from those signed off
    in that month."""

    # The first day of the month sampled.
    month = models.DateField(unique=True)
    drawn_at = models.DateTimeField(auto_now_add=True)
    # None when drawn by the scheduler's command without a named principal social worker.
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # How many were asked for (QUALITY_AUDIT_SAMPLE_SIZE then); fewer are drawn when fewer
    # records were signed off.
    size_asked = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Quality audit sample of {self.month:%B %Y}"


class RecordAuditQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "RecordAuditQuerySet":
        return self.filter(quality_audit_scope(user, via="conversation__person"))

    def audited(self) -> "RecordAuditQuerySet":
        return self.filter(audited_at__isnull=False)


class RecordAudit(SavedBy, models.Model):
    """One signed-off record drawn for a month's sample, and its audit: empty until the
    principal social worker audits it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sample = models.ForeignKey(MonthlySample, on_delete=models.CASCADE, related_name="audits")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.PROTECT, related_name="quality_audits"
    )
    what_was_good = models.TextField("what was good", max_length=5000, blank=True)
    what_to_improve = models.TextField("what to improve", max_length=5000, blank=True)
    # Keys of QUALITY_AUDIT_THEMES.
    themes = models.JSONField(default=list, blank=True)
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    audited_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = RecordAuditQuerySet.as_manager()

    class Meta:
        ordering = ["conversation__signed_off_at", "pk"]
        constraints = [
            # A record is drawn once, ever: it is signed off in one month only.
            models.UniqueConstraint(fields=["conversation"], name="record_audited_once"),
        ]

    def __str__(self) -> str:
        return f"Quality audit of a record signed off in {self.sample.month:%B %Y}"

    @property
    def is_audited(self) -> bool:
        return self.audited_at is not None


class RubricAnswer(SavedBy, models.Model):
    """The answer to one rubric question in an audit, with the question's words as it was
    asked (the rubric is a setting, and may change)."""

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    audit = models.ForeignKey(RecordAudit, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=50)
    question = models.CharField(max_length=500)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    comment = models.TextField(max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "key"], name="one_answer_a_question"),
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.get_answer_display()}"
