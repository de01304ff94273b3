from django import template

from ..selectors import emergency_access_now

register = template.Library()


@register.inclusion_tag("emergency_access/_banner.html", takes_context=True)
def emergency_access_banner(context, person) -> dict:
    """Says, on a person's page, until when the signed-in user's emergency access lasts."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"access": None}
    return {"access": emergency_access_now(user, person)}
