from django.db import models
from django.utils import timezone

from accounts.models import Team, User


class AccountChangeQuerySet(models.QuerySet["AccountChange"]):
    def powerful_grants(self) -> "AccountChangeQuerySet":
        """Grants of the Administrator or Information governance role, newest first."""
        return self.filter(grants_powerful_role=True).order_by("-at", "-pk")


class AccountChange(models.Model):
    """One change to a member of staff's account or to a team, in words, with who made it.
    Rows are only ever added."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="account_changes"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="account_changes"
    )
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="account_changes_made")
    at = models.DateTimeField(default=timezone.now)
    what = models.TextField()
    # Information governance sees every grant of a role that reaches everyone's records.
    grants_powerful_role = models.BooleanField(default=False)

    objects = AccountChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["grants_powerful_role", "-at"])]

    def __str__(self) -> str:
        return f"{self.what} ({self.by}, {self.at:%d %B %Y %H:%M})"
