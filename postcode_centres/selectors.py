"""Where postcodes are."""

from people.validators import normalise_postcode

from .distances import Point
from .models import PostcodeCentre


def centre_of(postcode: str) -> Point | None:
    """The centre point of `postcode` (written any way), or None if none is loaded for it."""
    found = (
        PostcodeCentre.objects.filter(postcode=normalise_postcode(postcode))
        .values_list("latitude", "longitude")
        .first()
    )
    return Point(float(found[0]), float(found[1])) if found else None
