import datetime
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import User
from history.models import SavedBy
from people.models import Person


class SafeguardingConcernQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "SafeguardingConcernQuerySet":
        return self.filter(person_scope(user, via="person"))

    def open(self) -> "SafeguardingConcernQuerySet":
        return self.filter(closed_on__isnull=True)


class SafeguardingConcern(SavedBy, models.Model):
    """A concern that the person is experiencing, or is at risk of, abuse or neglect, and what
    the council decided about making enquiries (Care Act 2014, s.42), with independent
    advocacy for the enquiry (s.68). Open until it is closed; once closed it is never changed.
    It is never in the person's own copy (the source of harm may live with them), and in their
    subject access export it is marked to be read before it is disclosed."""

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_KNOWN = "not_known", "Not yet known"

    class Decision(models.TextChoices):
        ENQUIRE = "enquire", "Make enquiries (section 42(2))"
        NO_ENQUIRY = "no_enquiry", "No enquiry"
        NOT_DECIDED = "not_decided", "Not decided yet"

    class Advocate(models.TextChoices):
        NOT_DECIDED = "not_decided", "Not decided yet"
        NOT_NEEDED = "not_needed", "Not needed"
        OFFERED = "offered", "Offered"
        APPOINTED = "appointed", "Appointed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="safeguarding_concerns"
    )
    raised_on = models.DateField("date the concern was raised")
    what = models.TextField("what the concern is", max_length=5000)
    who_told = models.TextField("who was told", max_length=2000)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="safeguarding_concerns_raised",
    )
    # The three conditions of the Care Act 2014, s.42(1).
    has_care_needs = models.CharField(
        "has needs for care and support",
        max_length=10,
        choices=Answer.choices,
        default=Answer.NOT_KNOWN,
    )
    abuse_or_neglect = models.CharField(
        "is experiencing, or is at risk of, abuse or neglect",
        max_length=10,
        choices=Answer.choices,
        default=Answer.NOT_KNOWN,
    )
    unable_to_protect = models.CharField(
        "as a result of those needs is unable to protect himself or herself against the abuse or "
        "neglect or the risk of it",
        max_length=10,
        choices=Answer.choices,
        default=Answer.NOT_KNOWN,
    )
    decision = models.CharField(
        "decision about enquiries",
        max_length=12,
        choices=Decision.choices,
        default=Decision.NOT_DECIDED,
    )
    decision_reasons = models.TextField("reasons for the decision", max_length=5000, blank=True)
    # Making Safeguarding Personal: in their own words.
    desired_outcomes = models.TextField("what they want to happen", max_length=5000, blank=True)
    # Independent advocacy for a safeguarding enquiry (Care Act 2014, s.68).
    substantial_difficulty = models.CharField(
        "would have substantial difficulty being involved",
        max_length=10,
        choices=Answer.choices,
        default=Answer.NOT_KNOWN,
    )
    appropriate_person = models.CharField(
        "has an appropriate person to support them",
        max_length=10,
        choices=Answer.choices,
        default=Answer.NOT_KNOWN,
    )
    advocate = models.CharField(
        "independent advocate",
        max_length=12,
        choices=Advocate.choices,
        default=Advocate.NOT_DECIDED,
    )
    advocate_name = models.CharField("advocate's name", max_length=200, blank=True)
    advocate_organisation = models.CharField("advocate's organisation", max_length=200, blank=True)
    what_happened_next = models.TextField("what happened next", max_length=5000, blank=True)
    closed_on = models.DateField("date closed", null=True, blank=True)
    closing_note = models.TextField("why it was closed", max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when its words are removed with the person's record.
    anonymised_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    objects = SafeguardingConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["person", "closed_on"])]

    def __str__(self) -> str:
        return f"Safeguarding concern of {self.raised_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def criteria_met(self) -> bool:
        """All three conditions of s.42(1) are met: the duty to make enquiries applies."""
        criteria = [self.has_care_needs, self.abuse_or_neglect, self.unable_to_protect]
        return all(answer == self.Answer.YES for answer in criteria)

    @property
    def advocate_due(self) -> bool:
        """Substantial difficulty being involved, and no one appropriate to support them: an
        independent advocate must be arranged for an enquiry (s.68)."""
        return (
            self.substantial_difficulty == self.Answer.YES
            and self.appropriate_person == self.Answer.NO
        )

    def close(self, *, on: datetime.date, note: str, by: User) -> None:
        """Closes the concern; a closed concern is never changed again."""
        if not self.is_open:
            raise ValueError("This safeguarding concern is already closed")
        self.closed_on = on
        self.closing_note = note
        self.save_by(by, update_fields=["closed_on", "closing_note", "updated_at"])
