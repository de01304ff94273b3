"""Results over time: how each question was answered, month by month, and the themes; as a
table and as CSV, in a fixed number of queries."""

import csv
import datetime
import io

from django.urls import reverse

from quality_audit.services import record_audit_save
from tests.factories import MonthlySampleFactory, PersonFactory, RecordAuditFactory

from .conftest import signed_off

RUBRIC = [("voice", "Is their voice there?"), ("agreed", "Was it agreed?")]


def audited(sample, person, by, voice: str, agreed: str, themes=()):
    day = sample.month.replace(day=10)
    audit = RecordAuditFactory(sample=sample, conversation=signed_off(person, day))
    audit.themes = list(themes)
    record_audit_save(audit=audit, answers={"voice": (voice, ""), "agreed": (agreed, "")}, by=by)
    return audit


def known_results(settings, person, by):
    """September: 2 audited, October: 3 audited and 1 not."""
    settings.QUALITY_AUDIT_RUBRIC = RUBRIC
    september = MonthlySampleFactory(month=datetime.date(2026, 9, 1), drawn_by=by)
    october = MonthlySampleFactory(month=datetime.date(2026, 10, 1), drawn_by=by)
    audited(september, person, by, "no", "no", ["own_words"])
    audited(september, person, by, "partly", "yes")
    audited(october, person, by, "yes", "yes", ["own_words", "network"])
    audited(october, person, by, "yes", "partly", ["network"])
    audited(october, person, by, "partly", "no", ["network"])
    RecordAuditFactory(sample=october, conversation=signed_off(person, datetime.date(2026, 10, 9)))


def rows_of(page: str, caption: str) -> list[list[str]]:
    """The rows of the table with `caption`, as their cells' text."""
    import re

    table = page.split(f">{caption}</caption>")[1].split("</table>")[0]
    body = table.split("<tbody")[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_it_counts_each_answer_month_by_month(as_psw, settings, person, principal_social_worker):
    known_results(settings, person, principal_social_worker)
    page = as_psw.get(reverse("quality_audit:results")).content.decode()
    assert rows_of(page, "Is their voice there?") == [
        ["October 2026", "2", "1", "0"],
        ["September 2026", "0", "1", "1"],
    ]
    assert rows_of(page, "Was it agreed?") == [
        ["October 2026", "1", "1", "1"],
        ["September 2026", "1", "0", "1"],
    ]
    assert rows_of(page, "Themes named in audits, by month") == [
        ["October 2026", "Their network used", "3"],
        ["October 2026", "Their own words", "1"],
        ["September 2026", "Their own words", "1"],
    ]


def test_a_question_no_longer_asked_is_still_counted_in_its_words(
    as_psw, settings, person, principal_social_worker
):
    known_results(settings, person, principal_social_worker)
    settings.QUALITY_AUDIT_RUBRIC = [("voice", "Do we hear them?")]
    page = as_psw.get(reverse("quality_audit:results")).content.decode()
    assert rows_of(page, "Do we hear them?")[0] == ["October 2026", "2", "1", "0"]
    assert rows_of(page, "Was it agreed?")[1] == ["September 2026", "1", "0", "1"]


def test_the_csvs_hold_the_same_counts(as_psw, settings, person, principal_social_worker):
    known_results(settings, person, principal_social_worker)
    response = as_psw.get(reverse("quality_audit:results_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Month", "Question", "Yes", "Partly", "No"]
    assert ["2026-10", "Is their voice there?", "2", "1", "0"] in rows
    assert ["2026-09", "Was it agreed?", "1", "0", "1"] in rows and len(rows) == 5
    themes = as_psw.get(reverse("quality_audit:themes_csv")).content.decode()
    assert list(csv.reader(io.StringIO(themes)))[1:] == [
        ["2026-10", "Their network used", "3"],
        ["2026-10", "Their own words", "1"],
        ["2026-09", "Their own words", "1"],
    ]


def test_a_question_that_looks_like_a_formula_is_text_in_the_csv(
    as_psw, settings, person, principal_social_worker
):
    known_results(settings, person, principal_social_worker)
    settings.QUALITY_AUDIT_RUBRIC = [("voice", "=HYPERLINK(1)")]
    rows = as_psw.get(reverse("quality_audit:results_csv")).content.decode()
    assert "'=HYPERLINK(1)" in rows


def test_it_says_what_to_do_with_no_results(as_psw, principal_social_worker):
    page = as_psw.get(reverse("quality_audit:results")).content.decode()
    assert "There are no results yet" in page
    MonthlySampleFactory(drawn_by=principal_social_worker)
    page = as_psw.get(reverse("quality_audit:results")).content.decode()
    assert "No record in these months has been audited yet" in page


def test_the_results_and_months_pages_do_not_grow_with_the_audits(
    as_psw, settings, person, team, principal_social_worker, count_queries
):
    known_results(settings, person, principal_social_worker)
    pages = [reverse("quality_audit:results"), reverse("quality_audit:months")]
    before = [count_queries(as_psw, url) for url in pages]
    for month in range(1, 9):
        sample = MonthlySampleFactory(month=datetime.date(2026, month, 1))
        for _ in range(3):
            other = PersonFactory(team=team, practitioner=person.practitioner)
            audited(sample, other, principal_social_worker, "yes", "no", ["network"])
    assert [count_queries(as_psw, url) for url in pages] == before
