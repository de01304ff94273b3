from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import manages_accounts
from accounts.requests import AuthenticatedHttpRequest

from .checking import Upload
from .forms import ImportForm
from .layout import FILES
from .models import Import, KeyDate
from .services import people_import

IMPORTS_PER_PAGE = 20
# Administrators run the service: they bring people in, and never see their records.


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Checks the extract's files, or imports them, and lists the imports saved before."""
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        uploads = {
            name: Upload(upload.name, upload.read())
            for name in ["people", "key_dates", "network"]
            if (upload := form.cleaned_data[name]) is not None
        }
        report = people_import(**uploads, by=request.user, dry_run=form.dry_run)
        if report.saved is not None:
            messages.success(request, f"Imported {report.summary}")
            return redirect("moving_in:report", code=report.saved.code)
    imports = Paginator(Import.objects.select_related("by"), IMPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": "Move people in from the council's current system",
        "form": form,
        "report": report,
        "imports": imports,
        "files": FILES,
        "kinds": KeyDate.Kind.choices,
    }
    return render(request, "moving_in/import.html", context)


@login_required
@manages_accounts
@require_GET
def import_report(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """What an import brought in: who ran it, when, from which files, and how many of each."""
    saved = get_object_or_404(Import.objects.select_related("by"), code=code)
    return render(request, "moving_in/report.html", {"saved": saved})
