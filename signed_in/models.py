import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

# Seconds between writes of when a session was last used: not every request writes.
LAST_USED_EVERY = 60


class SignedInSessionQuerySet(models.QuerySet):
    def current(self) -> "SignedInSessionQuerySet":
        """Sessions not ended, and within the idle and 12-hour limits as last noted (which is
        at most a minute old: see middleware.py)."""
        now = timezone.now()
        idle = settings.SESSION_IDLE_SECONDS + LAST_USED_EVERY
        return self.filter(
            ended_at__isnull=True,
            last_used_at__gte=now - datetime.timedelta(seconds=idle),
            signed_in_at__gte=now - datetime.timedelta(seconds=settings.SESSION_MAX_SECONDS),
        )


class SignedInSession(models.Model):
    """One browser signed in as a user: what it is, and when it was last used. Addressed by
    `code`; the session key, which lets a browser in, is never shown or put in a URL."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    # Summarised ("Firefox on Windows"): the whole user agent string is never kept.
    browser = models.CharField(max_length=100)
    signed_in_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who ended it, when someone did (not on signing out or timing out)",
    )

    objects = SignedInSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-last_used_at", "-pk"]
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.browser}, signed in as {self.user} at {self.signed_in_at:%d %B %Y %H:%M}"
