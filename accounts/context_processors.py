from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .access import can_read_directory, reviews_any_records
from .sessions import seconds_left

# The header's links, in order: (label, URL name, who sees it).
NAVIGATION = [
    ("Home", "home", lambda user: True),
    ("Quality audit", "quality_audit:months", lambda user: user.audits_record_quality),
    ("People", "people:list", lambda user: user.works_with_people),
    ("Community directory", "community:list", can_read_directory),
    ("Freshness review", "community:review", lambda user: user.manages_directory),
    ("Records to review", "conversations:review_queue", reviews_any_records),
    ("People our team works with", "caseload:caseload", lambda user: user.reviews_records),
    ("Service measures", "measures:dashboard", lambda user: user.reviews_records),
    ("Supervision", "supervision:home", lambda user: user.works_with_people),
    ("Reflective notes", "reflection:list", lambda user: user.works_with_people),
    ("Access log", "personal_data:search", lambda user: user.governs_information),
    ("Restricted records", "restricted_records:list", lambda user: user.governs_information),
    ("Keeping records", "personal_data:retention", lambda user: user.governs_information),
    ("Client Level Data", "client_level_data:return", lambda user: user.governs_information),
    ("Staff", "staff:list", lambda user: user.manages_accounts),
    ("Teams", "staff:teams", lambda user: user.manages_accounts),
    ("Failed sign-ins", "accounts:failed_sign_ins", lambda user: user.manages_accounts),
    ("Moving in", "moving_in:import", lambda user: user.manages_accounts),
    ("Emergency access", "emergency_access:reason", lambda user: user.works_with_people),
    ("Your signed-in sessions", "signed_in:list", lambda user: True),
]


def session_timeout(request: HttpRequest) -> dict:
    """When the signed-in user's page should warn of signing out, for the timeout dialog."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # The idle limit, or less when the session's absolute limit comes first.
        "session_idle_seconds": seconds_left(request),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }


def navigation(request: HttpRequest) -> dict:
    """Header links for the signed-in user: each role sees only what it may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items: list[dict[str, Any]] = [
        {"label": label, "url": reverse(url_name), "name": url_name}
        for label, url_name, shown_to in NAVIGATION
        if shown_to(user)
    ]
    # The current page belongs to the link with the longest matching address.
    matching = [item for item in items if _is_within(request.path, item["url"])]
    current = max(matching, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return {"navigation": items}


def _is_within(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
