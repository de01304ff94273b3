"""The principal social worker's monthly quality audit: the months and their progress,
drawing a month's sample, the records in it, auditing one beside the record, and the
results over time."""

import datetime
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import audits_record_quality
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view
from conversations.sections import sections_for
from history.autosave import autosave_refused, autosave_saved, is_autosave
from spreadsheets import cells

from .forms import DrawForm, RecordAuditForm
from .models import MonthlySample, RecordAudit
from .rubric import month_of, previous_month
from .selectors import audits_in, months_with_progress, results_over, signed_off_in
from .services import SampleRefused, record_audit_save, sample_draw

MONTHS_PER_PAGE = 24
RECORDS_PER_PAGE = 25
RESULT_MONTHS_PER_PAGE = 12


def get_audited_record_for_user(request: AuthenticatedHttpRequest, code: UUID) -> RecordAudit:
    """The sampled record with `code` if the signed-in user may audit it (the principal social
    worker; never a restricted record that does not name them); 404 otherwise. The view is in
    the person's access log."""
    audits = RecordAudit.objects.visible_to(request.user).select_related(
        "sample",
        "audited_by",
        "conversation__person__team",
        "conversation__practitioner",
        "conversation__reviewed_by",
    )
    audit = get_object_or_404(audits, code=code)
    record_view(request, audit.conversation.person)
    return audit


def _sample_of(year: int, month: int) -> MonthlySample:
    try:
        first = datetime.date(year, month, 1)
    except ValueError:
        raise Http404("No such month") from None
    return get_object_or_404(MonthlySample, month=first)


@login_required
@audits_record_quality
@require_GET
def months(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every month's sample, newest first, with how many of its records are audited."""
    page = Paginator(months_with_progress(request.user), MONTHS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "size": settings.QUALITY_AUDIT_SAMPLE_SIZE}
    return render(request, "quality_audit/months.html", context)


def months_to_draw(request: AuthenticatedHttpRequest) -> list[tuple[datetime.date, int]]:
    """Last month and this month, those without a sample yet, each with how many records
    were signed off in it (that the user may audit)."""
    this_month = month_of(timezone.localdate())
    recent = [previous_month(this_month), this_month]
    drawn = set(MonthlySample.objects.filter(month__in=recent).values_list("month", flat=True))
    return [
        (month, signed_off_in(month, request.user).count())
        for month in recent
        if month not in drawn
    ]


@login_required
@audits_record_quality
@require_http_methods(["GET", "POST"])
def draw(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Draws a month's sample, once the principal social worker has chosen which month."""
    offered = months_to_draw(request)
    form = DrawForm(form_data(request), months=offered)
    if submitted(request, form):
        try:
            sample = sample_draw(month=form.chosen_month(), by=request.user)
        except SampleRefused as refusal:
            form.add_error("month", str(refusal))
        else:
            drawn = sample.audits.count()
            messages.success(
                request,
                f"{drawn} record{'s' * (drawn != 1)} drawn for {date_format(sample.month, 'F Y')}",
            )
            return redirect(
                "quality_audit:sample", year=sample.month.year, month=sample.month.month
            )
    context = {
        "form": form,
        "offered": offered,
        "size": settings.QUALITY_AUDIT_SAMPLE_SIZE,
        "title": "Draw a month\u2019s sample",
    }
    return render(request, "quality_audit/draw.html", context)


@login_required
@audits_record_quality
@require_GET
def sample(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    """The records drawn for a month, each to audit. No one's name: the audit is of the
    practice, and a record's page shows whose it is."""
    drawn = _sample_of(year, month)
    audits = audits_in(drawn, request.user)
    page = Paginator(audits, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    audited = audits.audited().count()
    context = {"sample": drawn, "page": page, "audited": audited}
    return render(request, "quality_audit/sample.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def audit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """One sampled record, read-only, beside the rubric: saved by its button, and while it
    is written (autosave)."""
    record = get_audited_record_for_user(request, code)
    form = RecordAuditForm(form_data(request), instance=record)
    if submitted(request, form):
        record_audit_save(audit=form.instance, answers=form.answers(), by=request.user)
        if is_autosave(request):
            return autosave_saved(record)
        messages.success(request, "The audit has been saved")
        month = record.sample.month
        return redirect("quality_audit:sample", year=month.year, month=month.month)
    if is_autosave(request):
        return autosave_refused(form)
    conversation = record.conversation
    context = {
        "form": form,
        "record": record,
        "conversation": conversation,
        "person": conversation.person,
        "sections": sections_for(conversation),
        "actions": conversation.actions.select_related("member"),
        "addenda": conversation.addenda.select_related("author"),
        "title": "Audit this record",
    }
    return render(request, "quality_audit/audit.html", context)


def _result_months(request: AuthenticatedHttpRequest):
    samples = MonthlySample.objects.values_list("month", flat=True)
    return Paginator(samples, RESULT_MONTHS_PER_PAGE).get_page(request.GET.get("page"))


@login_required
@audits_record_quality
@require_GET
def results(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Month by month, how each question was answered, and the themes named; newest first."""
    page = _result_months(request)
    found = results_over(list(page.object_list), request.user)
    return render(request, "quality_audit/results.html", {"page": page, "results": found})


def _csv(name: str) -> tuple[HttpResponse, cells.Writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Like every CSV people open, through spreadsheets: no cell may run as a formula.
    return response, cells.writer(response)


@login_required
@audits_record_quality
@require_GET
def results_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every month's answers, question by question, as CSV."""
    months_drawn = list(MonthlySample.objects.values_list("month", flat=True))
    found = results_over(months_drawn, request.user)
    response, writer = _csv("quality-audit-answers.csv")
    writer.writerow(["Month", "Question", "Yes", "Partly", "No"])
    for result in found.questions:
        for month, counts in result.months:
            writer.writerow(
                [f"{month:%Y-%m}", result.question, counts["yes"], counts["partly"], counts["no"]]
            )
    return response


@login_required
@audits_record_quality
@require_GET
def themes_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every month's themes, with how many audits named each, as CSV."""
    months_drawn = list(MonthlySample.objects.values_list("month", flat=True))
    found = results_over(months_drawn, request.user)
    response, writer = _csv("quality-audit-themes.csv")
    writer.writerow(["Month", "Theme", "Audits"])
    for month, counted in found.themes:
        writer.writerows([f"{month:%Y-%m}", theme, number] for theme, number in counted)
    return response
