from django.contrib.auth import views as auth_views
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .forms import SignInForm
from .sessions import seconds_left, session_begin, session_used


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        session_begin(self.request)
        return response


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """How long the signed-in user has before being signed out; asking does not extend it."""
    return JsonResponse({"seconds_left": seconds_left(request)})


@require_POST
def session_keep_alive(request: HttpRequest) -> JsonResponse:
    """'Stay signed in': counts as using the service."""
    session_used(request)
    return JsonResponse({"seconds_left": seconds_left(request)})
