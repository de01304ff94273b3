import time

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .forms import SignInForm
from .sessions import LAST_SEEN, seconds_left

sign_in = auth_views.LoginView.as_view(
    template_name="accounts/sign_in.html",
    authentication_form=SignInForm,
    redirect_authenticated_user=True,
)
sign_out = auth_views.LogoutView.as_view()


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the signed-in user has before being signed out; asking does not extend it."""
    return JsonResponse({"seconds_left": seconds_left(request)})


@require_POST
def session_keep_alive(request: HttpRequest) -> JsonResponse:
    """'Stay signed in': counts as using the service."""
    request.session[LAST_SEEN] = time.time()
    return JsonResponse({"seconds_left": seconds_left(request)})
