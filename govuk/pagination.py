"""Pages of a list, for the GOV.UK pagination (templates/includes/_pagination.html)."""

from django.core.paginator import Paginator

# No list runs to more pages than this: a larger number is past the end of any, and past
# what a database takes as an offset.
MOST_PAGES = 1_000_000_000


def paginator_counted(object_list, per_page: int, count: int | None) -> Paginator:
    """A paginator of `object_list`; given `count`, already counted, it takes that as the
    list's length instead of asking the database again."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: this is its value
    return paginator
