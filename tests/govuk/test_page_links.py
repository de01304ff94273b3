"""The pagination's page numbers: the first and last pages, two either side of this one, and
an ellipsis where the second or second-last page is left out, as the template drew them when
it looped over every page (kept below as the rule to compare with)."""

import pytest
from django.core.paginator import Paginator

from govuk.templatetags.govuk import page_links


def drawn_by_looping(number: int, last: int) -> list[int | None]:
    links: list[int | None] = []
    for shown in range(1, last + 1):
        if shown == number or shown in (1, last) or number - 2 <= shown <= number + 2:
            links.append(shown)
        elif shown in (2, last - 1):
            links.append(None)
    return links


@pytest.mark.parametrize("last", [1, 2, 3, 4, 5, 6, 7, 8, 15, 125])
def test_the_same_links_as_looping_over_every_page(last):
    paginator = Paginator(range(last * 10), 10)
    for number in range(1, last + 1):
        assert page_links(paginator.page(number)) == drawn_by_looping(number, last)


def test_a_long_list_shows_ellipses_either_side():
    assert page_links(Paginator(range(1250), 10).page(60)) == [
        1,
        None,
        58,
        59,
        60,
        61,
        62,
        None,
        125,
    ]
