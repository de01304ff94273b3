"""What the move from the council's current case-records system leaves behind: each import
(who ran it, when, what it brought in), each person's reference in that system, and the key
dates that have no field of their own here."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.access import person_scope
from accounts.models import User
from govuk.times import date_time_in_words
from people.models import Person


class Import(models.Model):
    """One import that was saved (a check saves nothing, and neither does a refused import).
    Its report names no one: administrators run it, and they do not see people's records."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    files = models.JSONField(default=list)  # the names of the files read
    people = models.PositiveIntegerField(default=0)
    key_dates = models.PositiveIntegerField(default=0)
    network_members = models.PositiveIntegerField(default=0)
    messages = models.JSONField(default=list)  # the report's lines, in words

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {date_time_in_words(self.at)} by {self.by}"


class PreviousRecordQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "PreviousRecordQuerySet":
        return self.filter(person_scope(user, via="person"))


class PreviousRecord(models.Model):
    """The person's reference in the council's previous system, and the import that brought
    them in. A reference is imported once: a second import of it is refused."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="previous_record")
    # Blank once the person's record is anonymised, so it is unique only while it is there.
    reference = models.CharField("reference in the previous system", max_length=50, blank=True)
    imported_by = models.ForeignKey(Import, on_delete=models.PROTECT, related_name="records")

    objects = PreviousRecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="moving_in_reference_imported_once",
            )
        ]

    def __str__(self) -> str:
        return self.reference or "Reference removed"


class KeyDate(models.Model):
    """A date from the previous system that has no field of its own here: the council's
    decisions before this service recorded them (Care Act 2014 ss.9, 10, 13, 24-25, 27)."""

    class Kind(models.TextChoices):
        NEEDS_ASSESSMENT = "needs_assessment", "Last needs assessment"
        CARERS_ASSESSMENT = "carers_assessment", "Last carer's assessment"
        ELIGIBILITY_DECISION = "eligibility_decision", "Last eligibility decision"
        PLAN_AGREED = "plan_agreed", "Care and support plan agreed"
        LAST_REVIEW = "last_review", "Last review of the plan"
        REVIEW_DUE = "review_due", "Plan next due for review"

    record = models.ForeignKey(PreviousRecord, on_delete=models.CASCADE, related_name="key_dates")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    date = models.DateField()
    note = models.TextField(max_length=500, blank=True)

    class Meta:
        ordering = ["-date", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.date:%-d %B %Y}"
