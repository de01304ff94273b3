from django.http import HttpRequest
from django.urls import reverse

# The header's links, in order: (label, URL name, the permission that shows it).
NAVIGATION = [
    ("Home", "home", None),
    ("People", "people:list", "accounts.work_with_people"),
]


def navigation(request: HttpRequest) -> dict:
    """Header links for the signed-in user: each role sees only what it may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for label, url_name, permission in NAVIGATION:
        if permission is None or user.has_perm(permission):
            url = reverse(url_name)
            active = request.path == url if url == "/" else request.path.startswith(url)
            items.append({"label": label, "url": url, "active": active})
    return {"navigation": items}
