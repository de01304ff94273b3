import datetime
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import audit_scope, subject_access_scope
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from audit.models import RecordView
from jobs.selectors import get_job_for_user
from people.models import Person
from people.selectors import search_filter, search_kind
from restricted_records.views import get_person_governed

from .forms import (
    LegalHoldForm,
    LiftLegalHoldForm,
    PersonSearchForm,
    RetentionFilterForm,
    SubjectAccessRequestForm,
)
from .models import LegalHold
from .retention import anonymise_from, due_for_anonymising, retention_of, with_retention
from .services import legal_hold_lift, legal_hold_place
from .subject_access import PARTS, part_by_slug, records_of
from .tasks import subject_access_export_of, subject_access_export_start

# The retention page lists records due to be anonymised this many days ahead.
RETENTION_HORIZON_DAYS = 90
PEOPLE_PER_PAGE = 25
# The references of the requests this session is answering, by the person's code.
REQUESTS = "subject_access_requests"
# A part longer than this is shown in pages of its own.
SHOWN_IN_FULL = 50


def get_person_to_export(
    request: AuthenticatedHttpRequest, code: UUID | None = None, *, pk: int | None = None
) -> Person:
    """The person (by `code`, or by `pk` for an export a job made), if the signed-in user may
    export their data; 404 otherwise. Logged by the caller, with the reason."""
    people = Person.objects.filter(subject_access_scope(request.user))
    if pk is not None:
        return get_object_or_404(people, pk=pk)
    return get_object_or_404(people, code=code)


def get_person_audited(request: AuthenticatedHttpRequest, code: UUID) -> Person:
    """The person, if the signed-in user may read who has viewed their record; 404 otherwise."""
    person = get_object_or_404(Person.objects.filter(audit_scope(request.user)), code=code)
    record_view(request, person)
    return person


def _reason(request: AuthenticatedHttpRequest, code: UUID) -> str:
    reference = request.session.get(REQUESTS, {}).get(str(code), "")
    return f"Subject access request {reference}" if reference else ""


@login_required
@require_http_methods(["GET", "POST"])
def subject_access_request(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Asks which request an export answers, before showing anything held."""
    person = get_person_to_export(request, code)
    record_view(request, person)
    form = SubjectAccessRequestForm(form_data(request))
    if submitted(request, form):
        answering = request.session.get(REQUESTS, {})
        answering[str(person.code)] = form.cleaned_data["reference"]
        request.session[REQUESTS] = answering
        return redirect("personal_data:subject_access", code=person.code)
    context = {
        "form": form,
        "person": person,
        "title": "Which request does this answer?",
        "caption": f"Subject access request for {person.display_name}",
    }
    return render(request, "personal_data/request.html", context)


@login_required
@require_GET
def subject_access(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Everything held about the person, as a page to read or print; a long part of it is
    shown in pages of its own (`?part=`)."""
    person = get_person_to_export(request, code)
    if not (reason := _reason(request, code)):
        return redirect("personal_data:subject_access_request", code=code)
    record_view(request, person, reason=reason)
    context = {"person": person, "reason": reason, "now": timezone.now()}
    if slug := request.GET.get("part"):
        part = part_by_slug(slug)
        if part is None:
            raise Http404
        page = Paginator(part.rows(person), SHOWN_IN_FULL).get_page(request.GET.get("page"))
        records = records_of(part, page.object_list)
        context.update(part=part, page=page, records=records)
        return render(request, "personal_data/subject_access_part.html", context)
    held = []
    for part in PARTS:
        rows = part.rows(person)
        count = rows.count()
        held.append((part, count, records_of(part, rows[:SHOWN_IN_FULL]) if count else []))
    context.update(held=held, shown_in_full=SHOWN_IN_FULL)
    return render(request, "personal_data/subject_access.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def subject_access_json(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Everything held about the person, as a JSON file: a job prepares it, outside this
    request, and its page links to the download once it is ready."""
    person = get_person_to_export(request, code)
    if not (reason := _reason(request, code)):
        return redirect("personal_data:subject_access_request", code=code)
    record_view(request, person, reason=reason)
    if request.method == "POST":
        job = subject_access_export_start(person=person, reason=reason, by=request.user)
        return redirect("jobs:detail", pk=job.pk)
    context = {"person": person, "reason": reason, "days": settings.SUBJECT_ACCESS_EXPORT_DAYS}
    return render(request, "personal_data/subject_access_json.html", context)


@login_required
@require_GET
def subject_access_download(request: AuthenticatedHttpRequest, pk: UUID) -> FileResponse:
    """The JSON file an export job made, for whoever started it while they may still export
    the person's data; logged with the reason the export was made for."""
    job = get_job_for_user(request.user, pk)
    export = subject_access_export_of(job)
    if export is None:
        raise Http404
    person = get_person_to_export(request, pk=export.person)
    try:
        file = storages["jobs"].open(export.stored, "rb")
    except FileNotFoundError:
        raise Http404 from None
    record_view(request, person, reason=export.reason)
    made = timezone.localdate(job.finished_at)
    name = f"subject-access-{person.code}-{made:%Y-%m-%d}.json"
    return FileResponse(file, as_attachment=True, filename=name, content_type="application/json")


ENTRIES_PER_PAGE = 50


@login_required
@require_GET
def audit_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Finds a person whose access log the user may read, or whose data they may export."""
    if not (request.user.audits_access or request.user.exports_personal_data):
        raise PermissionDenied
    form = PersonSearchForm(request.GET or None)
    query = form.query() if form.is_bound else ""
    people = Person.objects.none()
    if query:
        scope = audit_scope(request.user) | subject_access_scope(request.user)
        people = Person.objects.filter(scope).filter(search_filter(query))
    paginator = Paginator(people.select_related("team").order_by("family_name", "pk"), 25)
    page = paginator.get_page(request.GET.get("page"))
    record_views(request, page.object_list, search=search_kind(query))
    context = {"form": form, "query": query, "page": page}
    return render(request, "personal_data/search.html", context)


@login_required
@require_GET
def access_log(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Who has viewed this person's record, newest first. Nothing here can be changed."""
    person = get_person_audited(request, code)
    entries = RecordView.objects.filter(person=person).select_related("user")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "personal_data/access_log.html", {"person": person, "page": page})


@login_required
@require_GET
def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Closed records not yet anonymised: what kind each is kept as, from which last contact,
    until when, and which are on legal hold. For information governance."""
    if not request.user.governs_information:
        raise PermissionDenied
    form = RetentionFilterForm(request.GET or None)
    show = form.chosen()
    closed = Person.objects.filter(status=Person.Status.CLOSED, anonymised_on__isnull=True)
    if show == RetentionFilterForm.Show.DUE:
        horizon = timezone.localdate() + datetime.timedelta(days=RETENTION_HORIZON_DAYS)
        people = due_for_anonymising(today=horizon)
    elif show == RetentionFilterForm.Show.HELD:
        held = LegalHold.objects.in_force().values("person")
        people = with_retention(Person.objects.filter(pk__in=held)).order_by("pk")
    else:
        people = with_retention(closed).order_by("last_contact", "pk")
    page = Paginator(people.select_related("team"), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(person, anonymise_from(person)) for person in page.object_list]
    record_views(request, page.object_list)
    context = {
        "form": form,
        "show": show,
        "page": page,
        "rows": rows,
        "years": settings.RECORD_RETENTION_YEARS,
        "first_contact_years": settings.FIRST_CONTACT_RETENTION_YEARS,
        "horizon_days": RETENTION_HORIZON_DAYS,
    }
    return render(request, "personal_data/retention.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def legal_hold(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Places a legal hold on the person's record, or shows the one in force; with every
    hold there has been."""
    person = get_person_governed(request, code)
    holds = list(person.legal_holds.select_related("placed_by", "lifted_by"))
    current = next((hold for hold in holds if hold.lifted_at is None), None)
    form = LegalHoldForm(form_data(request))
    if current is None and submitted(request, form):
        legal_hold_place(person=person, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, f"{person.display_name}'s record is on legal hold")
        return redirect("personal_data:legal_hold", code=person.code)
    context = {
        "form": form,
        "person": person,
        "current": current,
        "holds": holds,
        "retained": retention_of(person),
    }
    return render(request, "personal_data/legal_hold.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def legal_hold_lift_view(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_governed(request, code)
    current = LegalHold.objects.in_force().filter(person=person).first()
    if current is None:
        return redirect("personal_data:legal_hold", code=person.code)
    form = LiftLegalHoldForm(form_data(request))
    if submitted(request, form):
        legal_hold_lift(hold=current, because=form.cleaned_data["because"], by=request.user)
        messages.success(request, f"The legal hold on {person.display_name}'s record is lifted")
        return redirect("personal_data:legal_hold", code=person.code)
    context = {"form": form, "person": person, "title": "Lift the legal hold"}
    return render(request, "personal_data/lift_legal_hold.html", context)
