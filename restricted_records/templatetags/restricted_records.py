from django import template

from ..selectors import restriction_of

register = template.Library()


@register.inclusion_tag("restricted_records/_banner.html")
def restriction_banner(person) -> dict:
    """Tells the staff a restricted record names that it is restricted, and why (one query)."""
    return {"restriction": restriction_of(person)}
