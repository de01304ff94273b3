"""The search, whose page needs a reason first, fuzzed as tests/test_every_form.py fuzzes
every other form: no error page, and nothing stored."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.test_every_form import FUZZ, NUL, snapshot, values

from .conftest import give_reason

FIELDS = ["nhs_number", "given_names", "family_name", *(f"date_of_birth_{n}" for n in range(3))]


@pytest.fixture
def client(client, practitioner, other_person):
    client.force_login(practitioner)
    give_reason(client)
    return client


def test_no_search_breaks_or_stores_anything(client):
    url = reverse("emergency_access:search")

    @FUZZ
    @given(sent=st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, values)))
    def send(sent):
        before = snapshot()
        response = client.post(url, sent)
        assert response.status_code < 500
        if response.status_code != 302:
            assert snapshot() == before

    send()


def test_no_search_breaks_on_a_null_character(client):
    url = reverse("emergency_access:search")
    for sent in [{field: NUL} for field in FIELDS] + [dict.fromkeys(FIELDS, NUL)]:
        response = client.post(url, sent)
        assert response.status_code == 200, sent
        assert "There is a problem" in response.content.decode(), sent
