"""Reads of people that several pages share."""

import re

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Window

from govuk.pagination import MOST_PAGES, paginator_counted
from reading.databases import replica

from .models import Person
from .validators import normalise_nhs_number, normalise_postcode

# How the people list may be sorted, by the name the page sends.
SORTS = {
    "name": ("family_name", "given_names", "pk"),
    "-name": ("-family_name", "-given_names", "-pk"),
    "first_contact": ("first_contact_date", "pk"),
    "-first_contact": ("-first_contact_date", "-pk"),
}


def people_search(
    people: QuerySet[Person],
    *,
    q: str = "",
    status: str = "open",
    team=None,
    practitioner=None,
    sort: str = "name",
) -> QuerySet[Person]:
    """`people` narrowed by a search of names, NHS number or postcode and by status, team
    and allocated practitioner, in the order asked for. Read on the replica, scope and all: no
    page lists people straight after a save, and each record opens from the primary."""
    people = people.using(replica())
    if status != "all":
        people = people.filter(status=status)
    if team:
        people = people.filter(team=team)
    if practitioner:
        people = people.filter(practitioner=practitioner)
    if query := q.strip():
        people = people.filter(search_filter(query))
    return people.order_by(*SORTS.get(sort, SORTS["name"]))


def search_kind(query: str) -> str:
    """What kind of search `query` is, for the access log, which never keeps the query."""
    if not query.strip():
        return ""
    digits = normalise_nhs_number(query)
    if digits.isdigit() and len(digits) >= 3:
        return "NHS number search"
    if any(char.isdigit() for char in query):
        return "postcode search"
    return "name search"


def search_filter(query: str):
    """Matches every word against the names, or the whole query as an NHS number or postcode."""
    # PostgreSQL refuses a null character in a query, and no record holds one.
    query = query.replace("\x00", "")
    words = Q()
    for word in query.split():
        words &= (
            Q(given_names__icontains=word)
            | Q(family_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    digits = normalise_nhs_number(query)
    if digits.isdigit() and len(digits) >= 3:
        words |= Q(nhs_number__startswith=digits)
    compact = re.sub(r"\s+", "", query.upper())
    if len(compact) >= 2 and any(char.isdigit() for char in compact):
        words |= Q(postcode__startswith=normalise_postcode(compact)) | Q(
            postcode__startswith=query.strip().upper()
        )
    return words


def page_of(found: QuerySet, number: str | None, per_page: int) -> Page:
    """Page `number` of `found`, as `Paginator.get_page` gives it, in one query rather than
    two: each row also carries how many were found in all (a window count), the count the
    paginator would otherwise ask for first. A malformed number, or a page past the end,
    takes the paginator's own way."""
    if number and not (number.isdigit() and 1 <= int(number) <= MOST_PAGES):
        return Paginator(found, per_page).get_page(number)
    wanted = int(number or 1)
    start = (wanted - 1) * per_page
    rows = list(found.annotate(found_in_all=Window(Count("pk")))[start : start + per_page])
    if not rows and wanted > 1:
        return Paginator(found, per_page).get_page(number)
    count = rows[0].found_in_all if rows else 0
    return Page(rows, wanted, paginator_counted(found, per_page, count))
