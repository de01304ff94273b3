"""The directory as an Open Referral UK API: public, read-only, every path and parameter that
`schema/openapi.json` defines. No sign-in; GET from any origin; only active resources, and
no confidential address anywhere (the mapping leaves it out)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.http import require_GET

from community.openreferral.mapping import (
    service_at_location_summary,
    service_from_resource,
    service_summary,
)
from community.openreferral.tables import SCHEMA_DIR

from . import selectors
from .forms import LocationQuery, PageQuery, ServiceQuery

VERSION = "3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"


def public(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Open to anyone and any origin, GET only, as the standard asks of a directory's API."""

    @login_not_required
    @require_GET
    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return answer


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _refused(form: PageQuery) -> JsonResponse:
    """A malformed parameter, answered 400 with what is wrong with each."""
    errors = {name: list(messages) for name, messages in form.errors.items()}
    return _json({"errors": errors}, status=400)


def _not_found(what: str) -> JsonResponse:
    return _json({"errors": {"id": [f"No {what} has this id"]}}, status=404)


@public
def about(request: HttpRequest) -> HttpResponse:
    """`/`: the version and profile of the standard this API follows, and its OpenAPI file."""
    openapi_url = request.build_absolute_uri(reverse("open_referral_api:openapi"))
    return _json({"version": VERSION, "profile": PROFILE, "openapi_url": openapi_url})


@public
def openapi(request: HttpRequest) -> FileResponse:
    """The standard's own description of this API."""
    file = (SCHEMA_DIR / "openapi.json").open("rb")
    return FileResponse(file, content_type="application/json")


@public
def services(request: HttpRequest) -> HttpResponse:
    form = ServiceQuery(request.GET)
    if not form.is_valid():
        return _refused(form)
    found = selectors.services_found(**form.filters())
    page = selectors.page_of(found, form.page_number, form.size, service_summary)
    return _json(page.as_json())


@public
def service(request: HttpRequest, id: str) -> HttpResponse:
    resource = selectors.published_service(id)
    if resource is None:
        return _not_found("service")
    return _json(service_from_resource(resource))


@public
def services_at_locations(request: HttpRequest) -> HttpResponse:
    """Services at their places; with a postcode, nearest its centre first, and with a
    proximity only those that near."""
    form = LocationQuery(request.GET)
    if not form.is_valid():
        return _refused(form)
    services = selectors.services_found(**form.filters())
    near = form.near()
    found = selectors.nearest(services, **near) if near else selectors.at_places(services)
    page = selectors.page_of(
        found, form.page_number, form.size, lambda pair: service_at_location_summary(*pair)
    )
    return _json(page.as_json())


@public
def service_at_location(request: HttpRequest, id: str) -> HttpResponse:
    """As the standard defines it: the whole service that is at this place."""
    resource = selectors.published_service_at_location(id)
    if resource is None:
        return _not_found("service at a location")
    return _json(service_from_resource(resource))


@public
def taxonomies(request: HttpRequest) -> HttpResponse:
    form = PageQuery(request.GET)
    if not form.is_valid():
        return _refused(form)
    page = selectors.page_of(selectors.taxonomies(), form.page_number, form.size, dict)
    return _json(page.as_json())


@public
def taxonomy(request: HttpRequest, id: str) -> HttpResponse:
    found = selectors.taxonomy_with_terms(id)
    return _json(found) if found else _not_found("taxonomy")


@public
def taxonomy_terms(request: HttpRequest) -> HttpResponse:
    form = PageQuery(request.GET)
    if not form.is_valid():
        return _refused(form)
    terms = selectors.taxonomy_terms()
    page = selectors.page_of(terms, form.page_number, form.size, dict)
    return _json(page.as_json())


@public
def taxonomy_term(request: HttpRequest, id: str) -> HttpResponse:
    found = selectors.taxonomy_term(id)
    return _json(found) if found else _not_found("taxonomy term")
