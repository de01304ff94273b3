import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import Team, User
from history.models import SavedBy

from .validators import spaced_nhs_number, validate_nhs_number, validate_postcode


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "PersonQuerySet":
        return self.filter(person_scope(user))


class Person(SavedBy, models.Model):
    """Someone the service works with. Addressed by `code` in URLs, never by id."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    preferred_name = models.CharField(
        max_length=100, help_text="What the person likes to be called"
    )
    given_names = models.CharField("first names", max_length=100)
    family_name = models.CharField("last name", max_length=100)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField(
        "NHS number", max_length=10, blank=True, validators=[validate_nhs_number]
    )

    address = models.TextField(max_length=500, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField("email address", blank=True)

    interpreter_needed = models.BooleanField(default=False)
    language = models.CharField("preferred language", max_length=60, blank=True)
    communication_needs = models.TextField(
        "communication and accessibility needs", max_length=2000, blank=True
    )

    first_contact_date = models.DateField(default=timezone.localdate)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="people")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_people",
        help_text="The allocated practitioner",
    )

    class ClosedBecause(models.TextChoices):
        NO_LONGER_NEEDED = "no_longer_needed", "They no longer need support from us"
        MOVED_AWAY = "moved_away", "They moved away"
        DIED = "died", "They died"
        OTHER = "other", "Another reason"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(max_length=1000, blank=True)
    status_changed_on = models.DateField(null=True, blank=True)
    # Why a closed record was closed; blank while it is open. On a death, letters and
    # reminders about the person stop.
    closed_because = models.CharField(max_length=20, choices=ClosedBecause.choices, blank=True)
    died_on = models.DateField("date of death", null=True, blank=True)
    # Set when the retention period after closing has passed and what identifies them is gone.
    anonymised_on = models.DateField(null=True, blank=True)

    consent_to_record = models.BooleanField(default=False)
    consent_to_share = models.BooleanField(default=False)
    consent_date = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["family_name", "given_names"]
        indexes = [
            models.Index(fields=["team", "status", "family_name"]),
            models.Index(fields=["practitioner", "status"]),
            models.Index(fields=["nhs_number"]),
            models.Index(fields=["postcode"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def nhs_number_spaced(self) -> str:
        return spaced_nhs_number(self.nhs_number)

    @property
    def called(self) -> str:
        """What the person likes to be called, alone: "Maggie"."""
        return self.preferred_name or self.given_names

    @property
    def display_name(self) -> str:
        """Preferred name first: what the person likes to be called."""
        return f"{self.preferred_name or self.given_names} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def has_died(self) -> bool:
        return self.died_on is not None

    def close(
        self,
        *,
        because: str = ClosedBecause.OTHER,
        reason: str = "",
        died_on: datetime.date | None = None,
        by: User,
    ) -> None:
        """Closes the record, saying why; the date of death only when they died."""
        if (because == self.ClosedBecause.DIED) != (died_on is not None):
            raise ValueError("A date of death goes with closing because they died, and only then")
        self.closed_because = because
        self.died_on = died_on
        self._set_status(self.Status.CLOSED, reason, by)

    def reopen(self, *, reason: str, by: User) -> None:
        """Reopens the record. A death recorded in error goes with the closing."""
        self.closed_because = ""
        self.died_on = None
        self._set_status(self.Status.OPEN, reason, by)

    def _set_status(self, status: str, reason: str, by: User) -> None:
        self.status = status
        self.status_reason = reason
        self.status_changed_on = timezone.localdate()
        self.save_by(
            by,
            update_fields=[
                "status",
                "status_reason",
                "status_changed_on",
                "closed_because",
                "died_on",
                "updated_at",
            ],
        )

    def allocate(self, practitioner: User, *, by: User) -> None:
        """Allocates the person to a practitioner, who must be of the person's team."""
        if not practitioner.teams.filter(pk=self.team_id).exists():
            raise ValueError(f"{practitioner} is not a member of {self.team}")
        self.practitioner = practitioner
        self.save_by(by, update_fields=["practitioner", "updated_at"])

    def likely_duplicates(self, among: models.QuerySet) -> models.QuerySet:
        """People in `among` with the same NHS number, or the same name and date of birth."""
        same = models.Q(pk__in=[])
        if self.date_of_birth:
            same |= models.Q(
                given_names__iexact=self.given_names,
                family_name__iexact=self.family_name,
                date_of_birth=self.date_of_birth,
            )
        if self.nhs_number:
            same |= models.Q(nhs_number=self.nhs_number)
        return among.filter(same).exclude(pk=self.pk)
