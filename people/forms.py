import datetime
import re

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Size
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.access import practitioners_of, teams_visible_to
from accounts.models import Team, User
from govuk.forms import DateField, GDSForm
from history.forms import VersionCheck

from .models import Person
from .validators import (
    normalise_nhs_number,
    normalise_postcode,
    validate_nhs_number,
    validate_postcode,
)

OLDEST_AGE_YEARS = 120
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


def years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years, day=min(today.day, 28))


class PersonForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save"
    form_tag = False  # the page's own <form> also holds the "different person" button

    date_of_birth = DateField(
        label="Date of birth",
        required=False,
        help_text="For example, 27 3 1950",
        earliest=lambda: years_ago(OLDEST_AGE_YEARS),
        latest=timezone.localdate,
    )
    first_contact_date = DateField(
        label="Date of first contact",
        help_text="When the person, or someone for them, first got in touch",
        earliest=lambda: years_ago(OLDEST_AGE_YEARS),
        latest=timezone.localdate,
    )
    # Longer than stored, so that spaces may be typed; both are normalised.
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=16,
        help_text="Optional. A 10 digit number, like 943 476 5919",
    )
    postcode = forms.CharField(max_length=12, required=False, help_text="For example, LS6 2QT")
    consent_date = DateField(
        label="Date consent was given or refused",
        required=False,
        earliest=lambda: years_ago(OLDEST_AGE_YEARS),
        latest=timezone.localdate,
    )

    class Meta:
        model = Person
        fields = [
            "preferred_name",
            "given_names",
            "family_name",
            "pronouns",
            "date_of_birth",
            "nhs_number",
            "address",
            "postcode",
            "phone",
            "email",
            "interpreter_needed",
            "language",
            "communication_needs",
            "first_contact_date",
            "team",
            "practitioner",
            "consent_to_record",
            "consent_to_share",
            "consent_date",
        ]
        labels = {
            "preferred_name": "What they like to be called",
            "given_names": "First names",
            "family_name": "Last name",
            "interpreter_needed": "They need an interpreter",
            "practitioner": "Allocated practitioner",
            "consent_to_record": "They agree to us keeping this record",
            "consent_to_share": "They agree to us sharing information with others who support them",
        }
        help_texts = {
            "preferred_name": "The name to use when talking with them",
            "pronouns": "Optional. For example, she/her, they/them",
            "communication_needs": "For example, British Sign Language, large print, easy read",
            "practitioner": "Leave as 'Not allocated yet' if no one is allocated",
        }
        error_messages = {
            "preferred_name": {"required": "Enter the name they like to be called"},
            "given_names": {"required": "Enter their first names"},
            "family_name": {"required": "Enter their last name"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
            "team": {
                "required": "Select the team that works with them",
                "invalid_choice": "Select one of your own teams",
            },
        }

    layout_fields = [
        Fieldset(
            Field.text("preferred_name", field_width=Fluid.TWO_THIRDS),
            Field.text("given_names", field_width=Fluid.TWO_THIRDS),
            Field.text("family_name", field_width=Fluid.TWO_THIRDS),
            Field.text("pronouns", field_width=Fixed.TEN),
            Field("date_of_birth"),
            Field.text("nhs_number", field_width=Fixed.TEN),
            legend="About them",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.textarea("address", rows=3),
            Field.text("postcode", field_width=Fixed.TEN),
            Field.text("phone", field_width=Fixed.TWENTY),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            legend="Contact",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.checkbox("interpreter_needed"),
            Field.text("language", field_width=Fixed.TWENTY),
            Field.textarea("communication_needs", rows=3),
            legend="Communication",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field("first_contact_date"),
            Field.select("team"),
            Field.select("practitioner"),
            legend="Who works with them",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.checkbox("consent_to_record"),
            Field.checkbox("consent_to_share"),
            Field("consent_date"),
            legend="Consent",
            legend_size=Size.MEDIUM,
        ),
    ]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        teams = teams_visible_to(user)
        team, practitioner = self.fields["team"], self.fields["practitioner"]
        assert isinstance(team, forms.ModelChoiceField)
        assert isinstance(practitioner, forms.ModelChoiceField)
        team.queryset = teams
        team.empty_label = None if teams.count() == 1 else "Select a team"
        # Only what a choice shows: the query is DISTINCT, and a user's row is wide.
        practitioner.queryset = practitioners_of(teams).only("full_name", "email")
        practitioner.empty_label = "Not allocated yet"
        self.fields["email"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["nhs_number"].widget.attrs.update(inputmode="numeric", spellcheck="false")
        self.fields["phone"].widget.input_type = "tel"

    def clean_nhs_number(self) -> str:
        digits = normalise_nhs_number(self.cleaned_data["nhs_number"])
        if digits:
            validate_nhs_number(digits)
        return digits

    def clean_postcode(self) -> str:
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode:
            validate_postcode(postcode)
        return postcode

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_RE.match(phone):
            raise ValidationError(
                "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        born, first_contact = cleaned.get("date_of_birth"), cleaned.get("first_contact_date")
        if born and first_contact and first_contact < born:
            self.add_error("first_contact_date", "Date of first contact must be after their birth")
        team, practitioner = cleaned.get("team"), cleaned.get("practitioner")
        if team and practitioner and not practitioner.teams.filter(pk=team.pk).exists():
            self.add_error("practitioner", f"Select a practitioner of {team}")
        gave_consent = cleaned.get("consent_to_record") or cleaned.get("consent_to_share")
        if gave_consent:
            self.require("consent_date", "Enter the date they gave consent")
        return cleaned


class AllocationForm(GDSForm, forms.Form):
    submit_label = "Allocate"
    practitioner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Practitioner",
        error_messages={"required": "Select the practitioner to allocate"},
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        practitioner = self.fields["practitioner"]
        assert isinstance(practitioner, forms.ModelChoiceField)
        practitioner.queryset = practitioners_of([person.team])
        practitioner.initial = person.practitioner_id
        practitioner.help_text = f"A practitioner of {person.team}"


class StatusForm(GDSForm, forms.Form):
    """Closing an open record, saying why (on a death, with its date), or reopening a closed
    one, with the reason."""

    because = forms.ChoiceField(
        label="Why is the record being closed?",
        choices=Person.ClosedBecause.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the record is being closed"},
    )
    died_on = DateField(
        label="Date of death",
        help_text="Only if they died. For example, 2 11 2026",
        required=False,
        latest=timezone.localdate,
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        label="More about why",
        required=False,
    )

    def __init__(self, *args, person: Person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        if person.is_open:
            reason.label = "More about why (optional unless another reason)"
            reason.help_text = "For example, where they moved to, or what was resolved"
            self.layout_fields = [Field.radios("because"), "died_on", "reason"]
        else:
            del self.fields["because"], self.fields["died_on"]
            reason.required = True
            reason.label = "Why is the record being reopened?"
            reason.error_messages["required"] = "Enter why the record is being reopened"

    def clean(self):
        cleaned = super().clean()
        if not self.person.is_open:
            return cleaned
        because = cleaned.get("because")
        if because == Person.ClosedBecause.DIED:
            self.require("died_on", "Enter the date of death")
        elif cleaned.get("died_on") is not None:
            self.add_error("died_on", "Leave the date of death empty unless they died")
        if because == Person.ClosedBecause.OTHER:
            self.require("reason", "Enter why the record is being closed")
        return cleaned

    def get_submit_label(self) -> str:
        return "Close the record" if self.person.is_open else "Reopen the record"


class PeopleFilterForm(forms.Form):
    """Search, filters and sorting for the people list. Read from the query string."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        help_text="Name, NHS number or postcode",
        error_messages={"null_characters_not_allowed": "Search must not contain null characters"},
    )
    team: "forms.ModelChoiceField[Team]" = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All teams"
    )
    practitioner: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Anyone", label="Allocated to"
    )
    status = forms.ChoiceField(
        choices=[("open", "Open"), ("closed", "Closed"), ("all", "Open or closed")],
        required=False,
        label="Record",
    )
    sort = forms.ChoiceField(
        choices=[
            ("name", "Last name, A to Z"),
            ("-name", "Last name, Z to A"),
            ("-first_contact", "Newest first contact"),
            ("first_contact", "Oldest first contact"),
        ],
        required=False,
        label="Sort by",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        teams = teams_visible_to(user)
        team, practitioner = self.fields["team"], self.fields["practitioner"]
        assert isinstance(team, forms.ModelChoiceField)
        assert isinstance(practitioner, forms.ModelChoiceField)
        team.queryset = teams
        # Only what a choice shows: the query is DISTINCT, and a user's row is wide.
        practitioner.queryset = practitioners_of(teams).only("full_name", "email")

    def filters(self) -> dict:
        """What is valid of the search, by name; anything malformed is left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
