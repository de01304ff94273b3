from django import template

from govuk.times import date_time_in_words, time_in_words

register = template.Library()


@register.filter
def page_title(form, title: str) -> str:
    """A page's <title>: GOV.UK starts it with "Error: " when its form has errors."""
    return f"Error: {title}" if form is not None and form.errors else title


@register.filter
def in_minutes(duration) -> int:
    """A timedelta as whole minutes, for sentences like "for 15 minutes"."""
    return round(duration.total_seconds() / 60) if duration else 0


@register.filter
def page_links(page) -> list[int | None]:
    """The page numbers a list's pagination shows, in order: the first and last pages and two
    either side of this one, with None for an ellipsis where the second or the second-last
    page is left out. Worked out here, not by looping over every page in the template."""
    last = page.paginator.num_pages
    shown = {1, last, *range(page.number - 2, page.number + 3)}
    return [
        number if number in shown else None
        for number in sorted(shown | {2, last - 1})
        if 1 <= number <= last
    ]


@register.filter
def time_words(time) -> str:
    """A time of day (or a date and time's) as GOV.UK writes it: "9am", "3:30pm", "midday"."""
    return time_in_words(time)


@register.filter
def date_time(when, seconds: str = "") -> str:
    """A date and time as GOV.UK writes them: "29 November 2026, 3:30pm"; `date_time:"seconds"`
    for a log that needs them."""
    return date_time_in_words(when, seconds=bool(seconds))


@register.filter
def in_a_sentence(words: str) -> str:
    """Words as they read inside a sentence: "Date of birth" becomes "date of birth", while
    "NHS number" stays as it is."""
    words = str(words)
    first = words.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return words
    return words[:1].lower() + words[1:]
