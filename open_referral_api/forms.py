"""The API's query parameters, as `schema/openapi.json` names them, checked: a malformed one
is answered 400 with what is wrong, never a 500."""

from django import forms

from community.models import Day
from govuk.pagination import MOST_PAGES
from postcode_centres.selectors import centre_of

# A page of the API holds this many items unless `per_page` asks for another number, up to
# the most.
PER_PAGE = 50
MOST_PER_PAGE = 200
# A day as the standard's schedules code it, or its name in English.
DAYS = {code.lower(): code for code in Day.values} | {
    label.lower(): code for code, label in Day.choices
}
# The farthest a distance search reaches: the length of Great Britain.
MOST_METRES = 1_500_000
TIME_MESSAGE = "Must be a time of day, like 09:30 or 17:00:00"


class DayField(forms.CharField):
    """A day of the week, as its two-letter code (MO) or its name (Monday)."""

    def clean(self, value) -> str:
        typed = super().clean(value).strip().lower()
        if typed and typed not in DAYS:
            raise forms.ValidationError("Must be a day of the week, like MO or Monday")
        return DAYS.get(typed, "")


def whole_number(most: int, of: str = "") -> forms.IntegerField:
    """An optional whole number from 1 to `most` ("of metres", say), with one message for
    anything else."""
    message = f"Must be a whole number {of + ' ' if of else ''}from 1 to {most:,}"
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=most,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class PageQuery(forms.Form):
    page = whole_number(MOST_PAGES)
    per_page = whole_number(MOST_PER_PAGE)

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1

    @property
    def size(self) -> int:
        return self.cleaned_data.get("per_page") or PER_PAGE


class ServiceQuery(PageQuery):
    search = forms.CharField(required=False, max_length=200)
    taxonomy_term_id = forms.CharField(required=False, max_length=100)
    taxonomy_id = forms.CharField(required=False, max_length=100)
    minimum_age = forms.DecimalField(
        required=False, min_value=0, error_messages={"invalid": "Must be a number of years"}
    )
    maximum_age = forms.DecimalField(
        required=False, min_value=0, error_messages={"invalid": "Must be a number of years"}
    )

    day = DayField(required=False, max_length=20)
    start_time = forms.TimeField(required=False, error_messages={"invalid": TIME_MESSAGE})
    end_time = forms.TimeField(required=False, error_messages={"invalid": TIME_MESSAGE})

    def filters(self) -> dict:
        names = [
            "search",
            "taxonomy_term_id",
            "taxonomy_id",
            "minimum_age",
            "maximum_age",
            "day",
            "start_time",
            "end_time",
        ]
        return {name: self.cleaned_data[name] for name in names}


class LocationQuery(ServiceQuery):
    """/service_at_locations: the services' filters, and how near a postcode's centre."""

    postcode = forms.CharField(required=False, max_length=10)
    proximity = whole_number(MOST_METRES, "of metres")

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        postcode = cleaned.get("postcode", "")
        if postcode:
            cleaned["centre"] = centre_of(postcode)
            if cleaned["centre"] is None:
                self.add_error("postcode", "No centre point is loaded for this postcode")
        elif cleaned.get("proximity"):
            self.add_error("postcode", "Give a postcode to measure the proximity from")
        return cleaned

    def near(self) -> dict:
        """Where to measure from and how far, or nothing if no postcode was given."""
        if not self.cleaned_data.get("centre"):
            return {}
        return {"centre": self.cleaned_data["centre"], "within": self.cleaned_data["proximity"]}
