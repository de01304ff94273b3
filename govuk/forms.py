"""The one place that ties Django forms to the GOV.UK Design System."""

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .times import time_in_words, time_typed

# A mixin here is only ever mixed into a form, so the type checker is told it is one; at run
# time it stays a plain class, so that the form's own class comes after it in the bases.
if TYPE_CHECKING:
    FormMixin = forms.BaseForm
else:
    FormMixin = object


class GDSForm(FormMixin):
    """Mix into a form to render it with crispy-forms-gds and a submit button.

    Set `submit_label` to change the button's text, `layout_fields` (a crispy
    Layout's children) to order and style the fields, and `form_tag = False`
    for a form that a template wraps in its own <form>. Fields without their
    own messages get GOV.UK-style ones for the commonest mistakes.
    """

    submit_label = "Continue"
    form_tag = True
    form_method = "post"
    label_size = Size.SMALL
    legend_size = Size.SMALL

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            set_gds_messages(field)
            if _radios_needing_an_answer(field):
                drop_blank_choice(field)
            if isinstance(field.widget, forms.URLInput):
                field.widget.attrs.setdefault("spellcheck", "false")
        self.helper = FormHelper()
        self.helper.form_tag = self.form_tag
        self.helper.form_method = self.form_method
        self.helper.label_size = self.label_size
        self.helper.legend_size = self.legend_size
        self.helper.layout = Layout(*self.get_layout_fields())
        if submit_label := self.get_submit_label():
            self.helper.layout.append(Submit("submit", submit_label))

    def clean(self) -> dict[str, Any]:
        # What Django's own forms give back, so that a form's `super().clean()` is a dict.
        super().clean()
        return self.cleaned_data

    def require(self, name: str, message: str) -> None:
        """Says `message` beside the field `name` when it was left empty and has no error of
        its own: for a question that another answer makes necessary (call it from clean). An
        answer of 0 is an answer."""
        if self.cleaned_data.get(name) in (None, "", [], ()) and name not in self.errors:
            self.add_error(name, message)

    def get_submit_label(self) -> str:
        return self.submit_label

    def get_layout_fields(self) -> list:
        return list(getattr(self, "layout_fields", None) or self.fields)


def _radios_needing_an_answer(field: forms.Field) -> bool:
    """Radios of fixed choices that need an answer: Django offers an empty "---------" first,
    which GOV.UK radios never do. (A choice of records leaves it out by itself.)"""
    return (
        field.required
        and isinstance(field.widget, forms.RadioSelect)
        and isinstance(field, forms.ChoiceField)
        and not isinstance(field, forms.ModelChoiceField)
    )


def drop_blank_choice(field: forms.Field) -> None:
    """Takes away the empty option Django puts first in a model field's choices, for radios
    that need an answer or already say what none means."""
    assert isinstance(field, forms.ChoiceField)
    # Django keeps them as a list of (value, label) pairs; django-stubs types what it gives back
    # as anything that may be given to it, callables included.
    choices = cast(list[tuple[Any, Any]], field.choices)
    field.choices = [choice for choice in choices if choice[0] != ""]


def offer_only(
    form: forms.BaseForm, name: str, offered: Iterable[Any], label: Callable[[Any], str] = str
) -> list:
    """Shows a model choice of `form` with only `offered` as its options (after the empty one),
    and what the form holds now, while what it accepts stays the field's queryset: a long list
    is cut to the likely choices. Returns the records shown."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    shown = list(offered)
    try:
        # Sent, or to start with: shown as chosen even when it is not among those offered.
        current = field.to_python(form[name].value())
    except ValidationError:
        current = None
    if current is not None and current not in shown:
        shown.insert(0, current)
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    # The widget's choices are set apart from the field's, which stay the whole queryset.
    field.widget.choices = [*empty, *((row.pk, label(row)) for row in shown)]
    return shown


def textarea(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def set_gds_messages(field: forms.Field) -> None:
    label = str(field.label or "This field")
    name = label[0].lower() + label[1:]
    is_choice = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
    defaults = {
        "required": f"Select {name}" if is_choice else f"Enter {name}",
        "null_characters_not_allowed": f"{label} must not contain null characters",
    }
    if max_length := getattr(field, "max_length", None):
        defaults["max_length"] = f"{label} must be {max_length} characters or fewer"
    for code, message in defaults.items():
        if code not in field.error_messages or _is_django_default(field, code):
            field.error_messages[code] = message
    # A value that is not one of the options gets the same words as none at all.
    if is_choice and _is_django_default(field, "invalid_choice"):
        field.error_messages["invalid_choice"] = field.error_messages["required"]


def _is_django_default(field: forms.Field, code: str) -> bool:
    """True when a field's message for `code` is Django's own, not one a form set."""
    for klass in type(field).__mro__:
        own = vars(klass).get("default_error_messages", {})
        if code in own:
            return field.error_messages[code] == own[code]
    return False


class DateField(DateInputField):
    """A GOV.UK date input (day, month, year) with plain-English messages.

    `earliest` and `latest` are callables giving the range allowed, checked
    with the field's label in the message.
    """

    def __init__(self, *, earliest=None, latest=None, **kwargs):
        # A part-filled date is an error, never silently dropped.
        super().__init__(require_all_fields=False, **kwargs)
        self.earliest = earliest
        self.latest = latest
        name = str(self.label)[0].lower() + str(self.label)[1:]
        self.error_messages["required"] = f"Enter the {name}"
        for part, field in zip(["day", "month", "year"], self.fields, strict=True):
            field.error_messages["incomplete"] = f"{self.label} must include a {part}"
            field.validators = []  # compress() says what is wrong with the whole date

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            return datetime.date(*(int(part) for part in (year, month, day) if part.isascii()))
        except (ValueError, OverflowError, TypeError):
            raise ValidationError(f"{self.label} must be a real date", code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.latest and value > (latest := self.latest()):
            if latest == timezone.localdate():
                raise ValidationError(f"{self.label} must be today or in the past", code="too_late")
            raise ValidationError(
                f"{self.label} must be on or before {_long(latest)}", code="too_late"
            )
        if self.earliest and value < self.earliest():
            raise ValidationError(
                f"{self.label} must be on or after {_long(self.earliest())}", code="too_early"
            )


class TimeField(forms.Field):
    """A time of day typed as a person writes it ("9am", "2:30pm", "14:30", "midday")."""

    default_error_messages = {
        "invalid": "Enter a time of day, like 9am or 2:30pm",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example, 9am or 2:30pm")
        super().__init__(**kwargs)

    def to_python(self, value) -> datetime.time | None:
        if isinstance(value, datetime.time):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        found = time_typed(str(value)[:20])
        if found is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return found

    def prepare_value(self, value):
        return time_in_words(value) if isinstance(value, datetime.time) else value


def _long(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A GOV.UK file upload that takes several files at once; cleans to a list of them."""

    def __init__(self, *, accept: str = "", **kwargs):
        attrs = {"class": "govuk-file-upload", **({"accept": accept} if accept else {})}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list:
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def is_an_id(value: object) -> bool:
    """Whether `value` could be a record's id in any database (at most 18 digits, so within a
    64-bit integer): a longer one is not a choice, rather than a database's overflow."""
    text = str(value)
    return text.isascii() and text.isdigit() and len(text) <= 18


class ChoiceById(forms.ModelChoiceField):
    """A choice of one record, where an id no database could hold is simply not a choice."""

    def to_python(self, value):
        if value not in self.empty_values and not is_an_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ChoicesById(forms.ModelMultipleChoiceField):
    """A choice of several records, where an id no database could hold is not a choice."""

    def clean(self, value):
        if isinstance(value, list | tuple) and not all(map(is_an_id, value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        return super().clean(value)


def questions_asked(model: type[models.Model]) -> dict[str, str]:
    """Each field of `model` named by the question the service's forms of it ask ("What do
    they give the person?"), where one does: the words the practitioner answered."""
    found: dict[str, str] = {}
    waiting: list[type[forms.ModelForm]] = [forms.ModelForm]
    while waiting:
        form = waiting.pop(0)
        waiting += form.__subclasses__()
        meta = getattr(form, "_meta", None)
        if meta is not None and meta.model is model:
            for name, field in form.base_fields.items():
                if field.label and name not in found:
                    found[name] = str(field.label)
    return found
