"""A page of people and how many were found, in one query: the same page as Django's
paginator gives for every page number, good or bad."""

import pytest
from django.core.paginator import Paginator

from people.models import Person
from people.selectors import page_of
from tests.factories import PersonFactory

# The last: past what a database takes as an offset (found by a fuzzed search of the directory).
NUMBERS = [None, "", "1", "2", "3", "4", "99", "0", "-3", "abc", "2.0", " 3 ", "461170000000000000"]


@pytest.mark.django_db
@pytest.mark.parametrize("people", [0, 1, 7])
def test_the_same_page_as_the_paginator_gives(team, people):
    PersonFactory.create_batch(people, team=team)
    found = Person.objects.order_by("pk")
    for number in NUMBERS:
        expected = Paginator(found, 3).get_page(number)
        page = page_of(found, number, 3)
        assert (page.number, list(page.object_list)) == (expected.number, list(expected))
        assert page.paginator.count == people
        assert page.paginator.num_pages == expected.paginator.num_pages


@pytest.mark.django_db
def test_one_query_for_the_page_and_the_count(team, django_assert_num_queries):
    PersonFactory.create_batch(5, team=team)
    with django_assert_num_queries(1):
        page = page_of(Person.objects.order_by("pk"), "2", 3)
        assert (len(page.object_list), page.paginator.count) == (2, 5)
