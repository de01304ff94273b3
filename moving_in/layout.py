"""The three CSV files of an extract from the council's current system, declared once: each
file's columns, which must be filled in, and how a cell is read.

A cell's reader gives back the value to save, or raises `CellProblem` with what is wrong in
plain words. No message repeats what the cell holds: whoever runs the import may not be
allowed to see people's data.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import timezone

from networks.models import NetworkMember
from people.forms import PHONE_RE
from people.models import Person
from people.validators import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    validate_postcode,
)

from .models import KeyDate, PreviousRecord


class CellProblem(ValueError):
    """What is wrong with a cell, in words that do not repeat it."""


Reader = Callable[[str], Any]


@dataclass(frozen=True)
class Column:
    name: str
    reader: Reader
    required: bool = False
    what: str = ""  # for the layout shown on the import page and in the README
    choices: tuple[str, ...] = ()  # the values a column of choices takes


@dataclass(frozen=True)
class File:
    name: str  # people.csv
    columns: tuple[Column, ...]
    what: str

    @property
    def by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    @property
    def required(self) -> list[str]:
        return [column.name for column in self.columns if column.required]


# Readers of cells. Each is given the cell without the spaces around it, never empty.


def text(max_length: int) -> Reader:
    def read(value: str) -> str:
        if len(value) > max_length:
            raise CellProblem(f"too long: at most {max_length} characters")
        return value

    return read


def text_of(model: type[models.Model], field: str) -> Reader:
    """Text as long as the model's field allows."""
    column = model._meta.get_field(field)
    assert isinstance(column, models.Field) and column.max_length is not None
    return text(column.max_length)


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
UK_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
EARLIEST = datetime.date(1900, 1, 1)


def date(*, past: bool = True) -> Reader:
    """A date as 1948-03-31 or 31/03/1948; not in the future when `past`."""

    def read(value: str) -> datetime.date:
        for pattern, form in zip((ISO_DATE, UK_DATE), DATE_FORMATS, strict=True):
            if pattern.fullmatch(value):
                try:
                    day = datetime.datetime.strptime(value, form).date()
                except ValueError:
                    raise CellProblem("not a real date: check the day and the month") from None
                break
        else:
            raise CellProblem("not a date; write it as 1948-03-31")
        if day < EARLIEST:
            raise CellProblem("before 1900: check the year")
        if past and day > timezone.localdate():
            raise CellProblem("in the future: it must be today or earlier")
        return day

    return read


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def yes_no(value: str) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    raise CellProblem("write yes or no")


def choice(choices: type[models.TextChoices]) -> Reader:
    """One of the choices, by its value (paid_carer) or its words (Paid carer), in any case."""
    known = {str(value).lower(): value for value in choices.values}
    known |= {str(label).lower(): value for value, label in choices.choices}
    listed = ", ".join(choices.values)

    def read(value: str) -> str:
        if value.lower() not in known:
            raise CellProblem(f"not one of the choices: write one of {listed}")
        return known[value.lower()]

    return read


def nhs_number(value: str) -> str:
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise CellProblem("not an NHS number: it must be 10 digits, like 943 476 5919")
    if not nhs_number_is_valid(digits):
        raise CellProblem("not a valid NHS number: its check digit does not match")
    return digits


def postcode(value: str) -> str:
    normalised = normalise_postcode(value)
    try:
        validate_postcode(normalised)
    except ValidationError:
        raise CellProblem("not a UK postcode; write it as SW1A 1AA") from None
    return normalised


def phone(value: str) -> str:
    if not PHONE_RE.match(value) or len(value) > 30:
        raise CellProblem("not a phone number; write it as 01632 960 001 or +44 808 157 0192")
    return value


def email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        raise CellProblem("not an email address; write it as name@example.org") from None
    if len(value) > 254:
        raise CellProblem("too long for an email address")
    return value.lower()


def status(value: str) -> str:
    if value.lower() not in {"open", "closed"}:
        raise CellProblem("write open or closed")
    return value.lower()


PEOPLE = File(
    "people.csv",
    (
        Column(
            "reference",
            text_of(PreviousRecord, "reference"),
            True,
            "The current system's own reference for the person: unique, and never imported twice",
        ),
        Column("given_names", text_of(Person, "given_names"), True, "First names"),
        Column("family_name", text_of(Person, "family_name"), True, "Last name"),
        Column(
            "preferred_name",
            text_of(Person, "preferred_name"),
            what="What they like to be called; if empty, their first given name",
        ),
        Column("date_of_birth", date(), what="Their date of birth"),
        Column("nhs_number", nhs_number, what="10 digits, spaces allowed; checked"),
        Column("address", text_of(Person, "address"), what="May run over several lines"),
        Column("postcode", postcode, what="A UK postcode; checked"),
        Column("phone", phone, what="A phone number"),
        Column("email", email, what="An email address"),
        Column("preferred_language", text_of(Person, "language"), what="Their preferred language"),
        Column("interpreter_needed", yes_no, what="yes or no; if empty, no"),
        Column(
            "team", text(100), True, "The name of an open team here; capital letters do not matter"
        ),
        Column(
            "practitioner_email",
            email,
            what="The allocated practitioner's email address here: a member of the team who "
            "works with people. If empty, not allocated",
        ),
        Column(
            "first_contact_date",
            date(),
            True,
            "When the council first had contact with them about care and support",
        ),
        Column("status", status, what="If empty, open", choices=("open", "closed")),
        Column("closed_on", date(), what="When their record was closed: only when closed"),
        Column(
            "closed_reason",
            text_of(Person, "status_reason"),
            what="Why it was closed, in words: only when closed",
        ),
    ),
    "One row for each person",
)

KEY_DATES = File(
    "key_dates.csv",
    (
        Column(
            "reference", text_of(PreviousRecord, "reference"), True, "A reference in people.csv"
        ),
        Column(
            "kind", choice(KeyDate.Kind), True, "Which date this is", tuple(KeyDate.Kind.values)
        ),
        Column("date", date(past=False), True, "Only review_due may be in the future"),
        Column("note", text_of(KeyDate, "note"), what="Anything to know about it, in words"),
    ),
    "Dates of the council's decisions before this service recorded them",
)

NETWORK = File(
    "network.csv",
    (
        Column(
            "reference", text_of(PreviousRecord, "reference"), True, "A reference in people.csv"
        ),
        Column("name", text_of(NetworkMember, "name"), True, "The network member's name"),
        Column(
            "relationship",
            choice(NetworkMember.Relationship),
            True,
            "What they are to the person",
            tuple(NetworkMember.Relationship.values),
        ),
        Column(
            "relationship_detail",
            text_of(NetworkMember, "relationship_detail"),
            what="In words, such as daughter or next-door neighbour",
        ),
        Column(
            "closeness",
            choice(NetworkMember.Closeness),
            True,
            "How close the tie is",
            tuple(NetworkMember.Closeness.values),
        ),
        Column(
            "how_often_in_touch",
            choice(NetworkMember.Contact),
            what="How often they are in touch; may be empty",
            choices=tuple(NetworkMember.Contact.values),
        ),
        Column("unpaid_carer", yes_no, what="yes if they are an unpaid carer; if empty, no"),
        Column(
            "carer_offered_on",
            date(),
            what="When an unpaid carer was offered a conversation of their own",
        ),
        Column(
            "carer_offer",
            choice(NetworkMember.CarerOffer),
            what="What they said; only with carer_offered_on",
            choices=tuple(NetworkMember.CarerOffer.values),
        ),
        Column(
            "gives_person",
            text_of(NetworkMember, "gives_person"),
            what="What they give the person",
        ),
        Column(
            "person_gives",
            text_of(NetworkMember, "person_gives"),
            what="What the person gives them",
        ),
        Column(
            "in_persons_copy",
            yes_no,
            what="no to leave their name out of the person's own copy; if empty, yes",
        ),
        Column(
            "started_on",
            date(),
            what="Since when they have been in the network; if empty, the person's first "
            "contact date",
        ),
        Column("ended_on", date(), what="When they left the network, if they have"),
        Column(
            "end_reason",
            text_of(NetworkMember, "end_reason"),
            what="Why they left, in words: only with ended_on",
        ),
    ),
    "The people in each person's support network",
)

FILES = (PEOPLE, KEY_DATES, NETWORK)
