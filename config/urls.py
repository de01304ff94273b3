from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from overview.views import home


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever a page names; the service's icon is an SVG."""
    return redirect(static("app/favicon.svg"))


urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("", include("overview.urls")),
    path("", include("own_copy.urls")),
    path("", include("people.urls")),
    path("", include("conversations.urls")),
    path("", include("networks.urls")),
    path("", include("community.urls")),
    path("", include("open_referral_api.urls")),
    path("", include("supervision.urls")),
    path("", include("reflection.urls")),
    path("", include("safeguarding.urls")),
    path("", include("mental_capacity.urls")),
    path("", include("staff.urls")),
    path("", include("case_notes.urls")),
    path("", include("restricted_records.urls")),
    path("", include("demographics.urls")),
    path("", include("client_level_data.urls")),
    path("", include("moving_in.urls")),
    path("", include("quality_audit.urls")),
    path("", include("watching.urls")),
    path("", include("jobs.urls")),
    path("", include("emergency_access.urls")),
    path("", include("second_factor.urls")),
    path("second-factor/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("", include("single_sign_on.urls")),
    path("", include("signed_in.urls")),
    path("", include("personal_data.urls")),
    path("", include("caseload.urls")),
    path("", include("measures.urls")),
    path("", include("accounts.urls")),
    path("", include("security.urls")),
    path("admin/", admin.site.urls),
]
