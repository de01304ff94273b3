from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view
from history.autosave import autosave_refused, autosave_saved, is_autosave
from people.views import get_person_for_user

from .forms import CloseForm, ConcernForm
from .models import SafeguardingConcern
from .services import (
    safeguarding_concern_add,
    safeguarding_concern_close,
    safeguarding_concern_update,
)

CONCERNS_PER_PAGE = 25
CLOSED = "This safeguarding concern is closed: it can no longer be changed"


def get_concern_for_user(request: AuthenticatedHttpRequest, code: UUID) -> SafeguardingConcern:
    """The concern with `code` if the signed-in user may see its person; 404 otherwise. Seeing
    it is a view of the person's record."""
    concerns = SafeguardingConcern.objects.visible_to(request.user).select_related(
        "person__team", "raised_by"
    )
    concern = get_object_or_404(concerns, code=code)
    record_view(request, concern.person)
    return concern


@login_required
@require_GET
def concern_list(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The person's safeguarding concerns, open ones first, then newest first."""
    person = get_person_for_user(request, code)
    concerns = person.safeguarding_concerns.select_related("raised_by").order_by(
        F("closed_on").desc(nulls_first=True), "-raised_on", "-pk"
    )
    page = Paginator(concerns, CONCERNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "safeguarding/list.html", {"person": person, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def concern_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = ConcernForm(
        form_data(request),
        instance=SafeguardingConcern(person=person),
        initial={"raised_on": timezone.localdate()},
    )
    if submitted(request, form):
        concern = safeguarding_concern_add(concern=form.instance, by=request.user)
        messages.success(request, "The safeguarding concern has been recorded")
        return redirect("safeguarding:detail", code=concern.code)
    context = {"form": form, "person": person, "title": "Record a safeguarding concern"}
    return render(request, "safeguarding/form.html", context)


@login_required
@require_GET
def concern_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    concern = get_concern_for_user(request, code)
    return render(
        request, "safeguarding/detail.html", {"concern": concern, "person": concern.person}
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    concern = get_concern_for_user(request, code)
    if not concern.is_open:
        messages.info(request, CLOSED)
        return redirect("safeguarding:detail", code=concern.code)
    form = ConcernForm(form_data(request), instance=concern)
    if submitted(request, form):
        safeguarding_concern_update(concern=form.instance, by=request.user)
        if is_autosave(request):
            return autosave_saved(concern)
        messages.success(request, "The safeguarding concern has been saved")
        return redirect("safeguarding:detail", code=concern.code)
    if is_autosave(request):
        return autosave_refused(form)
    context = {
        "form": form,
        "concern": concern,
        "person": concern.person,
        "title": "Change the safeguarding concern",
    }
    return render(request, "safeguarding/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def concern_close(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    concern = get_concern_for_user(request, code)
    if not concern.is_open:
        messages.info(request, "This safeguarding concern is already closed")
        return redirect("safeguarding:detail", code=concern.code)
    form = CloseForm(
        form_data(request), concern=concern, initial={"closed_on": timezone.localdate()}
    )
    if submitted(request, form):
        safeguarding_concern_close(
            concern=concern,
            on=form.cleaned_data["closed_on"],
            note=form.cleaned_data["closing_note"],
            by=request.user,
        )
        messages.success(request, "The safeguarding concern has been closed")
        return redirect("safeguarding:detail", code=concern.code)
    context = {
        "form": form,
        "concern": concern,
        "person": concern.person,
        "title": "Close the safeguarding concern",
    }
    return render(request, "safeguarding/close.html", context)
