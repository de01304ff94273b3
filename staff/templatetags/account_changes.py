from django import template

from staff.models import AccountChange

register = template.Library()


@register.simple_tag
def powerful_grants_count() -> int:
    """How many grants of the Administrator or Information governance role there have been,
    for information governance's home page."""
    return AccountChange.objects.powerful_grants().count()
