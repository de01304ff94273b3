import datetime

from django.urls import reverse

from case_notes.selectors import chronology_of
from tests.factories import (
    CaseNoteFactory,
    ConversationFactory,
    NetworkMemberFactory,
    SafeguardingConcernFactory,
)


def day(n: int) -> datetime.date:
    return datetime.date(2026, 3, n)


def record_one_of_each(person, practitioner) -> None:
    CaseNoteFactory(person=person, author=practitioner, date=day(2), significant=True)
    CaseNoteFactory(person=person, author=practitioner, date=day(3), what_was_said="Nothing much")
    ConversationFactory(
        person=person, practitioner=practitioner, date=day(4), outcome="",
        eligible="yes", eligibility_decided_on=day(6), plan_starts_on=day(8),
    )  # fmt: skip
    SafeguardingConcernFactory(
        person=person, raised_by=practitioner, raised_on=day(5), closed_on=day(9)
    )
    NetworkMemberFactory(person=person, name="Dorothea Pim", started_on=day(1), ended_on=day(7))


def test_it_brings_significant_events_from_each_source_newest_first(person, practitioner):
    record_one_of_each(person, practitioner)
    events = [(event.date.day, event.kind, event.description) for event in chronology_of(person)]
    assert events == [
        (9, "Safeguarding", "Safeguarding concern closed"),
        (8, "Care and support plan", "Their care and support plan starts"),
        (7, "Network", "Dorothea Pim left their network"),
        (6, "Eligibility decision", "Their needs were decided eligible for care and support"),
        (5, "Safeguarding", "Safeguarding concern raised"),
        (4, "Conversation", "Conversation 1: Listen and connect. Outcome: not recorded yet"),
        (
            2,
            "Note",
            "A phone call with Her daughter: She rang to say the lunch club has room on Tuesdays",
        ),
        (1, "Network", "Dorothea Pim joined their network"),
    ]


def test_its_page_shows_them_oldest_first_on_asking_and_no_words_of_a_concern(
    as_practitioner, person, practitioner
):
    record_one_of_each(person, practitioner)
    url = reverse("case_notes:chronology", args=[person.code])
    page = as_practitioner.get(url).content.decode()
    assert page.index("9 March 2026") < page.index("1 March 2026")
    assert "Nothing much" not in page  # a note not marked significant
    assert SafeguardingConcernFactory.what not in page
    assert 'data-module="app-print"' in page and "app/print.js" in page
    oldest = as_practitioner.get(url, {"order": "oldest"}).content.decode()
    assert oldest.index("1 March 2026") < oldest.index("9 March 2026")


def test_it_runs_as_many_queries_however_much_there_is(
    as_practitioner, person, practitioner, count_queries
):
    url = reverse("case_notes:chronology", args=[person.code])
    record_one_of_each(person, practitioner)
    few = count_queries(as_practitioner, url)
    for _ in range(5):
        record_one_of_each(person, practitioner)
    assert count_queries(as_practitioner, url) == few
