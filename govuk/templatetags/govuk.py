from django import template

register = template.Library()


@register.filter
def page_title(form, title: str) -> str:
    """A page's <title>: GOV.UK starts it with "Error: " when its form has errors."""
    return f"Error: {title}" if form is not None and form.errors else title


@register.filter
def in_minutes(duration) -> int:
    """A timedelta as whole minutes, for sentences like "for 15 minutes"."""
    return round(duration.total_seconds() / 60) if duration else 0
