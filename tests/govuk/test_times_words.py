"""Dates and times as GOV.UK writes them, wherever a page shows one; words inside a sentence."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template

from govuk.templatetags.govuk import in_a_sentence
from govuk.times import date_time_in_words, time_in_words
from people.validators import spaced_nhs_number

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("when", "seconds", "words"),
    [
        (datetime.time(15, 30), False, "3:30pm"),
        (datetime.time(15, 30, 15), False, "3:30pm"),
        (datetime.time(15, 30, 15), True, "3:30:15pm"),
        (datetime.time(9, 0, 5), True, "9:00:05am"),
        (datetime.time(12, 0, 40), False, "midday"),
        (datetime.time(0, 0), True, "midnight"),
    ],
)
def test_a_time_in_words(when, seconds, words):
    assert time_in_words(when, seconds=seconds) == words


def test_a_date_and_time_is_told_in_the_local_time(settings):
    settings.TIME_ZONE = "Europe/London"
    summer = datetime.datetime(2026, 7, 1, 14, 30, tzinfo=datetime.UTC)  # 3:30pm in London
    assert date_time_in_words(summer) == "1 July 2026, 3:30pm"
    assert time_in_words(summer) == "3:30pm"
    rendered = Template('{% load govuk %}{{ at|date_time }} / {{ at|date_time:"seconds" }}')
    later = summer + datetime.timedelta(seconds=7)
    shown = rendered.render(Context({"at": later}))
    assert shown == "1 July 2026, 3:30pm / 1 July 2026, 3:30:07pm"
    assert Template("{% load govuk %}{{ at|date_time }}").render(Context({"at": summer})) == (
        "1 July 2026, 3:30pm"
    )


@pytest.mark.parametrize(
    ("words", "in_sentence"),
    [("Date of birth", "date of birth"), ("NHS number", "NHS number"), ("A", "a"), ("", "")],
)
def test_words_inside_a_sentence_keep_an_acronym(words, in_sentence):
    assert in_a_sentence(words) == in_sentence


def test_an_nhs_number_is_shown_in_threes_and_a_four():
    assert spaced_nhs_number("4857773456") == "485 777 3456"
    assert spaced_nhs_number("485 777 3456") == "485 777 3456"
    assert spaced_nhs_number("") == ""
