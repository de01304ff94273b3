from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from .forms import SignInForm
from .requests import AuthenticatedHttpRequest
from .sessions import seconds_left, session_begin, session_used

FAILURES_PER_PAGE = 50


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


@login_required
@require_GET
def failed_sign_ins(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every failed sign-in, newest first: the account tried, the address, the time."""
    if not request.user.manages_accounts:
        raise PermissionDenied
    failures = AccessFailureLog.objects.order_by("-attempt_time", "-pk")
    account = request.GET.get("account", "").strip().lower()[:254]
    if account and "\x00" not in account:
        failures = failures.filter(username=account)
    page = Paginator(failures, FAILURES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "account": account, "attempts_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/failed_sign_ins.html", context)
