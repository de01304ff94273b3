"""Who may use the quality audit: the principal social worker only; a record out of their
scope is not found, and opening one is in the person's access log."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Restriction
from audit.models import RecordView
from quality_audit.models import RubricAnswer

from .conftest import answers

PAGES = [
    ("quality_audit:months", []),
    ("quality_audit:draw", []),
    ("quality_audit:sample", [2026, 10]),
    ("quality_audit:results", []),
    ("quality_audit:results_csv", []),
    ("quality_audit:themes_csv", []),
]


def test_it_serves_every_page_to_the_principal_social_worker(as_psw, audit):
    for name, args in PAGES:
        assert as_psw.get(reverse(name, args=args)).status_code == 200, name
    assert as_psw.get(reverse("quality_audit:audit", args=[audit.code])).status_code == 200


@pytest.mark.parametrize(
    "role", ["practitioner", "team_lead", "administrator", "information_governance"]
)
def test_no_one_else_uses_it(client, request, audit, role):
    client.force_login(request.getfixturevalue(role))
    for name, args in PAGES:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert client.post(reverse("quality_audit:draw"), {"month": "2026-11"}).status_code == 403
    url = reverse("quality_audit:audit", args=[audit.code])
    assert client.get(url).status_code == 404
    assert client.post(url, answers()).status_code == 404
    assert not RubricAnswer.objects.exists()
    assert not RecordView.objects.exists()


def test_signed_out_it_asks_to_sign_in(client, audit):
    response = client.get(reverse("quality_audit:audit", args=[audit.code]))
    assert response.status_code == 302 and "sign-in" in response.url


def test_opening_a_record_is_in_the_persons_access_log(as_psw, audit, principal_social_worker):
    as_psw.get(reverse("quality_audit:audit", args=[audit.code]))
    view = RecordView.objects.get()
    assert view.person == audit.conversation.person and view.user == principal_social_worker
    assert view.page == "quality_audit:audit"


def test_a_record_restricted_since_it_was_drawn_is_not_found(as_psw, audit, practitioner):
    Restriction.objects.create(
        person=audit.conversation.person, reason="member_of_staff", restricted_by=practitioner
    )
    assert as_psw.get(reverse("quality_audit:audit", args=[audit.code])).status_code == 404
    page = as_psw.get(reverse("quality_audit:sample", args=[2026, 10])).content.decode()
    assert str(audit.code) not in page
    assert not RecordView.objects.exists()


def test_an_unknown_month_or_record_is_not_found(as_psw, audit):
    assert as_psw.get(reverse("quality_audit:sample", args=[2026, 9])).status_code == 404
    assert as_psw.get(reverse("quality_audit:sample", args=[2026, 13])).status_code == 404
    code = audit.conversation.code  # a conversation's code is not a sampled record's
    assert as_psw.get(reverse("quality_audit:audit", args=[code])).status_code == 404


def test_the_sample_lists_records_without_anyones_name(as_psw, audit):
    page = as_psw.get(reverse("quality_audit:sample", args=[2026, 10])).content.decode()
    assert reverse("quality_audit:audit", args=[audit.code]) in page
    assert audit.conversation.person.family_name not in page
    assert not RecordView.objects.exists()


def test_the_home_page_and_the_navigation_point_to_the_audit(as_psw, audit):
    page = as_psw.get(reverse("home")).content.decode()
    assert "October 2026</a>: 0 of 1 audited" in page
    # The navigation's link, and the home page's.
    assert page.count(f'href="{reverse("quality_audit:months")}"') == 2


def test_others_do_not_see_it_in_the_navigation(client, practitioner):
    client.force_login(practitioner)
    assert "Quality audit" not in client.get(reverse("home")).content.decode()


def test_the_months_page_shows_progress_and_an_empty_state(as_psw, audit):
    assert "0 of 1 audited" in as_psw.get(reverse("quality_audit:months")).content.decode()
    audit.sample.audits.all().delete()
    audit.sample.delete()
    page = as_psw.get(reverse("quality_audit:months")).content.decode()
    assert "No month's sample has been drawn yet. Draw one to start" in page


def test_a_sample_with_nothing_signed_off_says_so(as_psw, principal_social_worker):
    from quality_audit.services import sample_draw

    sample_draw(month=datetime.date(2026, 10, 1), by=principal_social_worker)
    page = as_psw.get(reverse("quality_audit:sample", args=[2026, 10])).content.decode()
    assert "No records were signed off in October 2026" in page
