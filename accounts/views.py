from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from .forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm, SignInForm
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

# How long a link to set a password works, as the pages and the email say it.
LINK_HOURS = {"link_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}

# Passwords, by Django's own views: changing one's own; a forgotten one reset by a link in an
# email that works once and for PASSWORD_RESET_TIMEOUT. Asking for a link shows the same page
# whether or not an account has the address.
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    title="Change your password",
    form_class=PasswordChangeForm,
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    title="Reset your password",
    extra_context=LINK_HOURS,
    form_class=PasswordResetForm,
    email_template_name="accounts/password_reset_email.txt",
    extra_email_context=LINK_HOURS,
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html", extra_context=LINK_HOURS
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    title="Set a new password",
    extra_context=LINK_HOURS,
    form_class=SetPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


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
