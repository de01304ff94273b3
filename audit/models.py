"""Who looked at whose record, and when: kept for good, never changed or removed."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnly(Exception):
    """Raised on any attempt to change or remove an entry of the access log."""


class RecordViewQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The access log cannot be changed")

    def delete(self):
        raise AppendOnly("The access log cannot be deleted")


class RecordView(models.Model):
    """One page about a person, seen by one user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    page = models.CharField(max_length=100)
    # Without its query string: searches (names, NHS numbers, postcodes) are never kept.
    path = models.CharField(max_length=500)
    search = models.CharField(
        max_length=50, blank=True, help_text="What kind of search listed them, if one did"
    )
    reason = models.CharField(
        max_length=200, blank=True, help_text="Why it was opened, e.g. a subject access request"
    )
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = RecordViewQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"])]
        default_permissions = ["view"]

    def __str__(self) -> str:
        return f"{self.user} viewed {self.page} at {self.at:%d %B %Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("The access log cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The access log cannot be deleted")
