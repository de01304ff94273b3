from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import can_read_directory
from accounts.permissions import manages_directory, works_with_people
from accounts.requests import AuthenticatedHttpRequest, code_from
from accounts.sessions import form_data, submitted
from audit.log import record_view, record_views
from jobs.selectors import get_job_for_user
from people.models import Person
from people.selectors import page_of, people_search, search_kind
from people.views import get_person_for_user

from .forms import (
    CommunityResourceForm,
    ConnectionForm,
    FeedbackForm,
    OpeningTimeForm,
    OpenReferralExportForm,
    OpenReferralFeedForm,
    OpenReferralImportForm,
    PersonSearchForm,
    PlaceForm,
    ResourceSearchForm,
)
from .models import CommunityResource, Connection, Feed
from .openreferral.exporting import resources_to_export
from .openreferral.mapping import NESTED_RELATIONS
from .openreferral.streaming import json_pieces, zip_pieces
from .openreferral.tasks import (
    checked_and_importable,
    directory_export_file,
    directory_export_start,
    directory_feed_start,
    directory_import_checked,
    directory_import_report,
    directory_import_start,
)
from .selectors import (
    places_for,
    resource_address_for,
    resource_feedback,
    resource_place_name_for,
    resource_search,
    resources_reported,
)
from .services import (
    connection_create,
    connection_update,
    feed_save,
    feedback_give,
    feedback_resolve,
    resource_line_add,
    resource_line_remove,
    resource_save,
)

RESOURCES_PER_PAGE = 20
# What the directory's list shows of each resource (community/list.html): the model is wide.
LISTED = [
    "code",
    "name",
    "description",
    "asset_type",
    "area",
    "cost",
    "ways_to_give",
    "last_verified",
]
PEOPLE_PER_PAGE = 25
# Reported resources at the top of the freshness review: each resolved makes room for the next.
REPORTED_SHOWN = 50


def reads_directory(view):
    def check(user) -> bool:
        if not can_read_directory(user):
            raise PermissionDenied
        return True

    return user_passes_test(check)(view)


def get_connection_for_user(request: AuthenticatedHttpRequest, code: UUID) -> Connection:
    """The connection with `code` if the signed-in user may see its person; 404 otherwise."""
    connections = Connection.objects.visible_to(request.user).select_related("person", "resource")
    connection = get_object_or_404(connections, code=code)
    record_view(request, connection.person)
    return connection


def get_resource(code: UUID) -> CommunityResource:
    # With everything it holds lists of, which its page shows.
    resources = CommunityResource.objects.prefetch_related(*NESTED_RELATIONS)
    return get_object_or_404(resources, code=code)


@login_required
@reads_directory
@require_GET
def resource_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ResourceSearchForm(request.GET)
    resources = CommunityResource.objects.active()
    if request.user.manages_directory and request.GET.get("archived") == "yes":
        resources = CommunityResource.objects.filter(status=CommunityResource.Status.ARCHIVED)
    resources = resources.only(*LISTED).prefetch_related("categories", "service_areas")
    found = resource_search(resources, **form.filters())
    page = page_of(found, request.GET.get("page"), RESOURCES_PER_PAGE)
    for_person = _person_from(request, request.GET.get("for", ""))
    context = {"form": form, "page": page, "for_person": for_person}
    return render(request, "community/list.html", context)


def _person_from(request: AuthenticatedHttpRequest, code: str) -> Person | None:
    """The person a search is for, if the code is a person the user may see."""
    try:
        person = Person.objects.visible_to(request.user).get(code=UUID(code))
    except (ValueError, Person.DoesNotExist):
        return None
    record_view(request, person)
    return person


@login_required
@reads_directory
@require_GET
def resource_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    resource = get_resource(code)
    connections = list(
        Connection.objects.visible_to(request.user)
        .filter(resource=resource)
        .select_related("person")[:100]
    )
    record_views(request, (connection.person for connection in connections))
    context = {
        "resource": resource,
        "connections": connections,
        "address": resource_address_for(resource, user=request.user),
        "place_name": resource_place_name_for(resource, user=request.user),
        "places": places_for(resource, user=request.user),
        "feedback": resource_feedback(resource) if request.user.manages_directory else None,
    }
    return render(request, "community/detail.html", context)


@login_required
@reads_directory
@require_http_methods(["GET", "POST"])
def feedback_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Tell us if this has changed: a practitioner's word on an active resource, which puts it
    at the top of the freshness review when it says something has changed."""
    resource = get_object_or_404(CommunityResource.objects.active(), code=code)
    form = FeedbackForm(form_data(request))
    if submitted(request, form):
        feedback = feedback_give(feedback=form.instance, resource=resource, by=request.user)
        if feedback.kind == feedback.Kind.HELPFUL:
            messages.success(request, "Thank you for telling us")
        else:
            messages.success(
                request, "Thank you. The directory's administrators will check what you told us"
            )
        return redirect("community:detail", code=resource.code)
    context = {"form": form, "resource": resource, "title": "Tell us if this has changed"}
    return render(request, "community/feedback.html", context)


@login_required
@manages_directory
@require_POST
def feedback_resolve_view(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Resolves what practitioners reported of a resource, once an administrator has dealt
    with it."""
    resource = get_resource(code)
    resolved = feedback_resolve(resource=resource, by=request.user)
    if resolved:
        messages.success(request, f"What was reported about {resource.name} is resolved")
    if request.POST.get("next") == "review":
        return redirect("community:review")
    return redirect("community:detail", code=resource.code)


@login_required
@manages_directory
@require_http_methods(["GET", "POST"])
def resource_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CommunityResourceForm(form_data(request))
    if submitted(request, form):
        categories = form.cleaned_data["categories"]
        resource = resource_save(resource=form.instance, categories=categories, by=request.user)
        messages.success(request, f"{resource.name} has been added to the directory")
        return redirect("community:detail", code=resource.code)
    return render(request, "community/form.html", {"form": form, "title": "Add a resource"})


@login_required
@manages_directory
@require_http_methods(["GET", "POST"])
def resource_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    resource = get_resource(code)
    form = CommunityResourceForm(form_data(request), instance=resource)
    if submitted(request, form):
        categories = form.cleaned_data["categories"]
        resource_save(resource=form.instance, categories=categories, by=request.user)
        messages.success(request, f"{resource.name} has been saved")
        return redirect("community:detail", code=resource.code)
    context = {"form": form, "resource": resource, "title": f"Change {resource.name}"}
    return render(request, "community/form.html", context)


@login_required
@manages_directory
@require_http_methods(["GET", "POST"])
def opening_times_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The resource's opening times, a line at a time: each can be taken out, another added."""
    resource = get_resource(code)
    form = OpeningTimeForm(form_data(request))
    if submitted(request, form):
        resource_line_add(line=form.instance, resource=resource, by=request.user)
        messages.success(request, f"Opening times added: {form.instance.days_display}")
        return redirect("community:opening_times", code=resource.code)
    context = {"form": form, "resource": resource, "title": "Opening times"}
    return render(request, "community/opening_times.html", context)


@login_required
@manages_directory
@require_POST
def opening_time_remove_view(
    request: AuthenticatedHttpRequest, code: UUID, line: int
) -> HttpResponse:
    resource = get_resource(code)
    found = get_object_or_404(resource.opening_hours, pk=line)
    resource_line_remove(line=found, by=request.user)
    messages.success(request, f"Opening times taken out: {found.days_display}")
    return redirect("community:opening_times", code=resource.code)


@login_required
@manages_directory
@require_http_methods(["GET", "POST"])
def places_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The other places the resource runs at: each can be taken out, another added."""
    resource = get_resource(code)
    form = PlaceForm(form_data(request))
    if submitted(request, form):
        resource_line_add(line=form.instance, resource=resource, by=request.user)
        messages.success(request, f"{form.instance.name} added")
        return redirect("community:places", code=resource.code)
    context = {"form": form, "resource": resource, "title": "Other places"}
    return render(request, "community/places.html", context)


@login_required
@manages_directory
@require_POST
def place_remove_view(request: AuthenticatedHttpRequest, code: UUID, place: int) -> HttpResponse:
    resource = get_resource(code)
    found = get_object_or_404(resource.places, pk=place)
    resource_line_remove(line=found, by=request.user)
    messages.success(request, f"{found} taken out")
    return redirect("community:places", code=resource.code)


@login_required
@manages_directory
@require_POST
def resource_archive(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Archives an active resource or restores an archived one; nothing is deleted."""
    resource = get_resource(code)
    if resource.is_active:
        resource.archive(by=request.user)
        messages.success(request, f"{resource.name} has been archived")
    else:
        resource.restore(by=request.user)
        messages.success(request, f"{resource.name} has been restored")
    return redirect("community:detail", code=resource.code)


@login_required
@manages_directory
@require_GET
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    months = settings.RESOURCE_STALE_AFTER_MONTHS
    stale = CommunityResource.objects.stale(months=months)
    page = Paginator(stale, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    reported = list(resources_reported()[: REPORTED_SHOWN + 1])
    context = {
        "page": page,
        "months": months,
        "reported": reported[:REPORTED_SHOWN],
        "more_reported": len(reported) > REPORTED_SHOWN,
    }
    return render(request, "community/review.html", context)


@login_required
@manages_directory
@require_POST
def resource_verify(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    resource = get_resource(code)
    resource.mark_verified(by=request.user)
    messages.success(request, f"{resource.name} is marked as checked today")
    if request.POST.get("next") == "review":
        return redirect("community:review")
    return redirect("community:detail", code=resource.code)


@login_required
@works_with_people
@require_GET
def connection_choose_person(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Who to connect to a resource: the open records allocated to the user, or a search of
    all those they may see."""
    resource = get_object_or_404(CommunityResource.objects.active(), code=code)
    form = PersonSearchForm(request.GET)
    query = form.query()
    people = Person.objects.visible_to(request.user).select_related("team", "practitioner")
    practitioner = None if query else request.user
    found = people_search(people, q=query, status="open", practitioner=practitioner)
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    record_views(request, page.object_list, search=search_kind(query))
    context = {"form": form, "resource": resource, "page": page, "query": query}
    return render(request, "community/choose_person.html", context)


@login_required
@works_with_people
@require_http_methods(["GET", "POST"])
def connection_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Connects the person the address names to a resource, from the person's search of the
    directory or from the resource's page (which first asks who)."""
    resource = get_object_or_404(CommunityResource.objects.active(), code=code)
    if "person" not in request.GET:
        return redirect("community:choose_person", code=resource.code)
    person = get_person_for_user(request, code_from(request.GET["person"]))
    if not person.is_open:
        name = person.display_name
        messages.info(request, f"{name}'s record is closed. Reopen it to connect them")
        return redirect("overview:person", code=person.code)
    form = ConnectionForm(form_data(request))
    if submitted(request, form):
        connection_create(
            connection=form.instance, person=person, resource=resource, by=request.user
        )
        messages.success(request, f"{person.display_name} is connected to {resource.name}")
        return redirect("overview:person", code=person.code)
    chosen_here = request.GET.get("from") == "choose"
    months = settings.RESOURCE_STALE_AFTER_MONTHS
    context = {
        "form": form,
        "resource": resource,
        "person": person,
        "not_checked_months": months if resource.not_checked_for(months) else None,
        "title": f"Connect to {resource.name}",
        "back": (
            reverse("community:choose_person", args=[resource.code])
            if chosen_here
            else f"{reverse('community:list')}?for={person.code}"
        ),
    }
    return render(request, "community/connect.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def connection_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    connection = get_connection_for_user(request, code)
    form = ConnectionForm(form_data(request), instance=connection)
    if submitted(request, form):
        connection_update(connection=form.instance, by=request.user)
        messages.success(request, f"The connection to {connection.resource.name} has been saved")
        return redirect("overview:person", code=connection.person.code)
    resource, person = connection.resource, connection.person
    context = {
        "form": form,
        "resource": resource,
        "person": person,
        "title": f"Change the connection to {resource.name}",
        "back": reverse("overview:person", args=[person.code]),
    }
    return render(request, "community/connect.html", context)


@login_required
@manages_directory
@require_http_methods(["GET", "POST"])
def open_referral(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Exports the directory, and checks or imports Open Referral UK data: a job, whose page
    shows how far it has got and then its report."""
    form = OpenReferralImportForm(request.POST or None, request.FILES or None)
    if submitted(request, form):
        files = form.cleaned_data["files"]
        job = directory_import_start(files=files, dry_run=form.dry_run, by=request.user)
        return redirect("jobs:detail", pk=job.pk)
    return _open_referral_page(request, form, OpenReferralExportForm())


def _open_referral_page(
    request: AuthenticatedHttpRequest,
    form: OpenReferralImportForm,
    export_form: OpenReferralExportForm,
    feed_form: OpenReferralFeedForm | None = None,
) -> HttpResponse:
    count = CommunityResource.objects.count()
    context = {
        "form": form,
        "export_form": export_form,
        "feed_form": feed_form or OpenReferralFeedForm(),
        "feeds": Feed.objects.all(),
        "count": count,
    }
    return render(request, "community/open_referral.html", context)


@login_required
@manages_directory
@require_POST
def open_referral_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Starts importing another directory's Open Referral UK API, from a host the council
    allows: a job, whose page shows how far it has got and then its report."""
    feed_form = OpenReferralFeedForm(request.POST)
    if submitted(request, feed_form):
        url, daily = feed_form.cleaned_data["url"], feed_form.cleaned_data["refresh_daily"]
        feed_save(url=url, refresh_daily=daily, by=request.user)
        job = directory_feed_start(url=url, by=request.user)
        return redirect("jobs:detail", pk=job.pk)
    return _open_referral_page(
        request, OpenReferralImportForm(), OpenReferralExportForm(), feed_form
    )


@login_required
@manages_directory
@require_GET
def open_referral_report(request: AuthenticatedHttpRequest, pk: UUID) -> HttpResponse:
    """The report of a check or import of Open Referral UK data, for whoever started it."""
    job = get_job_for_user(request.user, pk)
    report = directory_import_report(job)
    if report is None:
        raise Http404
    context = {
        "report": report,
        "job": job,
        "importable": checked_and_importable(job),
        "kept_days": settings.OPEN_REFERRAL_EXPORT_DAYS,
    }
    return render(request, "community/open_referral_report.html", context)


@login_required
@manages_directory
@require_POST
def open_referral_import_checked(request: AuthenticatedHttpRequest, pk: UUID) -> HttpResponse:
    """Imports what a check found nothing wrong with, from the files it kept: a job."""
    check = get_job_for_user(request.user, pk)
    job = directory_import_checked(check=check, by=request.user)
    if job is None:
        messages.info(request, "Those files can no longer be imported. Select them again")
        return redirect("community:open_referral")
    return redirect("jobs:detail", pk=job.pk)


@login_required
@manages_directory
@require_GET
def export(request: AuthenticatedHttpRequest, kind: str) -> StreamingHttpResponse:
    """The whole directory as Open Referral UK: JSON, or a zip of CSV tables."""
    # Streamed as the directory is read: the first bytes leave at once, memory stays flat.
    pieces = json_pieces if kind == "json" else zip_pieces
    response = StreamingHttpResponse(
        pieces(resources_to_export()), content_type=f"application/{kind}"
    )
    name = f"community-directory-{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
@manages_directory
@require_POST
def open_referral_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Starts preparing the whole directory as a file: a job, whose page links to the file
    when it is ready. For a directory too big to wait for as it downloads."""
    export_form = OpenReferralExportForm(request.POST)
    if submitted(request, export_form):
        job = directory_export_start(kind=export_form.cleaned_data["kind"], by=request.user)
        return redirect("jobs:detail", pk=job.pk)
    return _open_referral_page(request, OpenReferralImportForm(), export_form)


@login_required
@manages_directory
@require_GET
def open_referral_export_file(request: AuthenticatedHttpRequest, pk: UUID) -> FileResponse:
    """The file an export job prepared, for whoever started it; 404 once it is tidied away."""
    job = get_job_for_user(request.user, pk)
    prepared = directory_export_file(job)
    if prepared is None:
        raise Http404
    file, kind = prepared
    made = timezone.localdate(job.finished_at)
    name = f"community-directory-{made:%Y-%m-%d}.{kind}"
    return FileResponse(file, as_attachment=True, filename=name, content_type=f"application/{kind}")
