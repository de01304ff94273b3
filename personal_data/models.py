from django.db import models
from django.utils import timezone

from accounts.models import Liftable, User
from people.models import Person


class LegalHold(Liftable):
    """A hold information governance places on a person's record (a claim, an inquiry, a
    complaint to the Ombudsman): while it is in force, the record is never anonymised,
    whatever its retention."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField("why the record must be kept", max_length=1000)
    placed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_legal_hold_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"Legal hold placed {self.placed_at:%d %B %Y}"
