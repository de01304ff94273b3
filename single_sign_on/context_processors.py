from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def council_sign_in(request: HttpRequest) -> dict:
    """Where 'Sign in with your council account' starts, only when single sign-on is set up."""
    if not settings.OIDC_RP_CLIENT_ID:
        return {}
    return {"council_sign_in_url": reverse("single_sign_on:start")}
