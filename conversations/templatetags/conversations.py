from django import template

register = template.Library()


@register.filter
def answers(section, conversation) -> list:
    """A section's (question, answer) rows for a conversation."""
    return section.answers(conversation)
