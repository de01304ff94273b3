from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.access import reviews_any_records

from .models import Conversation


def records_to_review(request: HttpRequest) -> dict:
    """How many records wait for the signed-in reviewer, counted beside the navigation's
    "Records to review" (one count, only for those who review). Counted when the page shows
    it, and not at all on a page that counted them already and gives its own figure."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not reviews_any_records(user):
        return {}
    return {
        "records_to_review": SimpleLazyObject(
            lambda: Conversation.objects.to_review_by(user).count()
        )
    }
