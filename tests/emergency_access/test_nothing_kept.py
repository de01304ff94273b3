"""What is searched with is kept nowhere: not in any table, the session, the access log,
an address or the server's log; and Django's error reports hide it."""

import datetime
import logging
import time

import pytest
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from accounts.sessions import KEPT, LAST_SEEN
from people.models import Person
from tests.personal_data.test_anonymising_leaves_nothing import every_row_as_text

from .conftest import by_name, give_reason, open_record, search

UNKNOWN_NUMBER = "401 023 2137"
UNKNOWN = by_name("Philomena", "Ardingly-Vosper", datetime.date(1944, 2, 29))
SEARCHED = ["4010232137", "401 023 2137", "Philomena", "Ardingly-Vosper", "1944-02-29"]


@pytest.fixture
def client(client, practitioner):
    client.force_login(practitioner)
    return client


def test_a_search_that_finds_no_one_leaves_nothing_behind(client, caplog, other_person):
    caplog.set_level(logging.DEBUG)
    give_reason(client)
    responses = [search(client, nhs_number=UNKNOWN_NUMBER), search(client, **UNKNOWN)]
    assert all(response.status_code == 200 for response in responses)
    everything = every_row_as_text()
    for value in SEARCHED:
        assert value.casefold() not in everything, value
        assert value not in caplog.text, value
        assert all(value not in response.wsgi_request.get_full_path() for response in responses)


def test_opening_a_record_leaves_nothing_of_the_search_but_the_record(client, other_person):
    open_record(client, nhs_number="943-476-5919")
    search_leftovers = every_row_as_text().replace(other_person.nhs_number, "")
    assert "943-476-5919" not in search_leftovers and "943 476 5919" not in search_leftovers
    rows = every_row_as_text()
    # The record itself holds the number; nothing else does.
    held = Person.objects.filter(nhs_number=other_person.nhs_number).count()
    assert rows.count(other_person.nhs_number) == held * 2  # the person and their history


def test_a_search_sent_after_the_session_ended_is_not_kept(client):
    give_reason(client)
    session = client.session
    session[LAST_SEEN] = time.time() - 3600
    session.save()
    search(client, nhs_number=UNKNOWN_NUMBER)  # signs out: nothing of the form is kept
    assert KEPT not in client.session
    assert "4010232137" not in every_row_as_text()
    assert "401 023 2137" not in every_row_as_text()


def test_error_reports_hide_what_was_sent(client):
    give_reason(client)
    response = search(client, nhs_number=UNKNOWN_NUMBER, **UNKNOWN)
    shown = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert UNKNOWN_NUMBER not in str(shown) and "Philomena" not in str(shown)


def test_the_search_page_sends_its_search_by_post_only(client):
    give_reason(client)
    page = client.get(reverse("emergency_access:search")).content.decode()
    assert 'method="post"' in page and 'method="get"' not in page.split("<main")[1]
