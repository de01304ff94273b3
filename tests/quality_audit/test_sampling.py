"""Drawing a month's sample: only records signed off that month, in scope, at random,
without repeats, once."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Restriction
from quality_audit.models import MonthlySample, RecordAudit
from quality_audit.services import SampleRefused, sample_draw
from tests.factories import ConversationFactory, PersonFactory

from .conftest import signed_off

OCTOBER = datetime.date(2026, 10, 1)


def test_it_draws_the_sample_size_from_records_signed_off_that_month(
    settings, principal_social_worker, person
):
    settings.QUALITY_AUDIT_SAMPLE_SIZE = 3
    october = [signed_off(person, datetime.date(2026, 10, day)) for day in range(1, 9)]
    signed_off(person, datetime.date(2026, 9, 30))
    signed_off(person, datetime.date(2026, 11, 1))
    ConversationFactory(person=person, status="submitted")
    sample = sample_draw(month=OCTOBER, by=principal_social_worker)
    drawn = list(sample.audits.values_list("conversation", flat=True))
    assert len(drawn) == 3 == len(set(drawn))
    assert set(drawn) <= {record.pk for record in october}
    assert sample.drawn_by == principal_social_worker and sample.size_asked == 3


def test_the_month_is_the_londoners_month(principal_social_worker, person):
    # 23:30 on 30 September in UTC is 00:30 on 1 October in London (summer time): October's.
    late = signed_off(person, datetime.date(2026, 9, 30))
    late.signed_off_at = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=datetime.UTC)
    late.save()
    assert sample_draw(month=OCTOBER, by=principal_social_worker).audits.count() == 1


def test_it_draws_all_of_them_when_fewer_were_signed_off(settings, principal_social_worker, person):
    settings.QUALITY_AUDIT_SAMPLE_SIZE = 10
    for day in (3, 4):
        signed_off(person, datetime.date(2026, 10, day))
    assert sample_draw(month=OCTOBER, by=principal_social_worker).audits.count() == 2


def test_it_never_draws_a_restricted_record_that_does_not_name_them(
    settings, principal_social_worker, person, practitioner, team
):
    settings.QUALITY_AUDIT_SAMPLE_SIZE = 50
    restricted = PersonFactory(team=team, practitioner=practitioner)
    Restriction.objects.create(
        person=restricted, reason="public_figure", restricted_by=practitioner
    )
    for day in range(1, 11):
        signed_off(person, datetime.date(2026, 10, day))
        signed_off(restricted, datetime.date(2026, 10, day))
    sample = sample_draw(month=OCTOBER, by=principal_social_worker)
    assert sample.audits.count() == 10
    assert not sample.audits.filter(conversation__person=restricted).exists()


def test_it_draws_a_restricted_record_that_names_them(principal_social_worker, practitioner, team):
    restricted = PersonFactory(team=team, practitioner=practitioner)
    restriction = Restriction.objects.create(
        person=restricted, reason="public_figure", restricted_by=practitioner
    )
    restriction.named_staff.add(principal_social_worker)
    signed_off(restricted, datetime.date(2026, 10, 2))
    assert sample_draw(month=OCTOBER, by=principal_social_worker).audits.count() == 1


def test_a_month_is_drawn_once_only(principal_social_worker, person):
    signed_off(person, datetime.date(2026, 10, 2))
    sample_draw(month=OCTOBER, by=principal_social_worker)
    with pytest.raises(SampleRefused, match="drawn already"):
        sample_draw(month=datetime.date(2026, 10, 20), by=principal_social_worker)
    assert MonthlySample.objects.count() == 1 and RecordAudit.objects.count() == 1


def test_a_month_that_has_not_begun_is_not_drawn(principal_social_worker):
    with pytest.raises(SampleRefused, match="not begun"):
        sample_draw(month=datetime.date(2099, 1, 1), by=principal_social_worker)
    assert not MonthlySample.objects.exists()


def test_the_page_draws_the_chosen_month_and_refuses_it_twice(as_psw, person):
    signed_off(person, datetime.date(2026, 10, 2))
    page = as_psw.get(reverse("quality_audit:draw")).content.decode()
    assert "October 2026: 1 record signed off" in page
    response = as_psw.post(reverse("quality_audit:draw"), {"month": "2026-10"})
    assert response.url == reverse("quality_audit:sample", args=[2026, 10])
    again = as_psw.post(reverse("quality_audit:draw"), {"month": "2026-10"})
    assert "Select the month to draw a sample for" in again.content.decode()
    assert MonthlySample.objects.count() == 1


def test_the_page_refuses_a_month_it_does_not_offer(as_psw):
    for month in ["", "2026-08", "2099-01", "not a month"]:
        response = as_psw.post(reverse("quality_audit:draw"), {"month": month})
        assert response.status_code == 200
        assert "Select the month to draw a sample for" in response.content.decode()
    assert not MonthlySample.objects.exists()


def test_the_command_draws_the_month_given(principal_social_worker, person):
    signed_off(person, datetime.date(2026, 10, 2))
    call_command("quality_audit_sample", "--month", "2026-10")
    assert MonthlySample.objects.get().drawn_by == principal_social_worker
    with pytest.raises(CommandError, match="drawn already"):
        call_command("quality_audit_sample", "--month", "2026-10")
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("quality_audit_sample", "--month", "October")
