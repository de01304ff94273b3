from django.db import models


class PostcodeCentre(models.Model):
    """Where a postcode is: its centre point, as the ONS Postcode Directory gives it (WGS84
    latitude and longitude). Loaded by `postcode_centres_load`; nothing about a person."""

    postcode = models.CharField(max_length=10, unique=True)  # as people.validators writes one
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
