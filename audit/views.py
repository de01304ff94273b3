from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.access import audit_scope, subject_access_scope
from people.forms import search_filter, search_kind
from people.models import Person

from .forms import PersonSearchForm
from .log import record_view, record_views
from .models import RecordView

ENTRIES_PER_PAGE = 50


@login_required
@require_GET
def audit_search(request: HttpRequest) -> HttpResponse:
    """Finds a person whose access log the user may read, or whose data they may export."""
    if not (request.user.audits_access or request.user.exports_personal_data):
        raise PermissionDenied
    form = PersonSearchForm(request.GET or None)
    query = form.query() if form.is_bound else ""
    people = Person.objects.none()
    if query:
        scope = audit_scope(request.user) | subject_access_scope(request.user)
        people = Person.objects.filter(scope).filter(search_filter(query))
    page = Paginator(people.select_related("team").order_by("family_name", "pk"), 25)
    page = page.get_page(request.GET.get("page"))
    record_views(request, page.object_list, search=search_kind(query))
    context = {"form": form, "query": query, "page": page}
    return render(request, "audit/search.html", context)


@login_required
@require_GET
def access_log(request: HttpRequest, code: UUID) -> HttpResponse:
    """Who has viewed this person's record, newest first. Nothing here can be changed."""
    person = get_object_or_404(Person.objects.filter(audit_scope(request.user)), code=code)
    record_view(request, person)
    entries = RecordView.objects.filter(person=person).select_related("user")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"person": person, "page": page})
