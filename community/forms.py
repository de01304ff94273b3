from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Size, Submit
from django import forms
from django.urls import reverse

from govuk.forms import (
    DateField,
    FormMixin,
    GDSForm,
    MultipleFileField,
    TimeField,
    drop_blank_choice,
)
from history.forms import VersionCheck
from people.validators import normalise_postcode, validate_postcode

from .models import (
    Category,
    CommunityResource,
    Connection,
    Day,
    Feedback,
    OpeningTime,
    Place,
)
from .openreferral.feeds import feed_address_problem
from .openreferral.mapping import MOST_YEARS


def age_field(which: str, bound: str, *, example: int) -> forms.IntegerField:
    """The youngest or oldest age a resource is for, in whole years, as the import allows."""
    return forms.IntegerField(
        label=f"{which.capitalize()} age (optional)",
        help_text=f"In years. Leave empty if there is no {bound} age",
        required=False,
        min_value=0,
        max_value=MOST_YEARS,
        error_messages={
            "invalid": f"Enter the {which} age as a whole number of years, like {example}",
            "min_value": f"The {which} age must be 0 or more",
            "max_value": f"The {which} age must be {MOST_YEARS} or less",
        },
    )


class AddressChecks(FormMixin):
    """Mix into a form with an address (`country`, `postcode`): a country left empty is the
    UK's; a UK postcode is checked and written as one, another country's kept as typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].required = False

    def clean_country(self) -> str:
        return self.cleaned_data["country"].strip().upper() or "GB"

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        postcode = cleaned.get("postcode", "")
        if postcode and cleaned.get("country", "GB") == "GB":
            postcode = normalise_postcode(postcode)
            try:
                validate_postcode(postcode)
            except forms.ValidationError as error:
                self.add_error("postcode", error)
            else:
                cleaned["postcode"] = postcode
        return cleaned


class CommunityResourceForm(VersionCheck, AddressChecks, GDSForm, forms.ModelForm):
    submit_label = "Save"
    ways_to_give = forms.MultipleChoiceField(
        label="Which ways can people give?",
        help_text="Select all that apply, or none if it does not ask people to give",
        choices=CommunityResource.WayToGive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select the ways people can give from the list"},
    )
    minimum_age = age_field("youngest", "lower", example=18)
    maximum_age = age_field("oldest", "upper", example=65)
    website = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://example.org"
        },
    )

    class Meta:
        model = CommunityResource
        fields = [
            "name",
            "organisation",
            "description",
            "asset_type",
            "categories",
            "place_name",
            "address_line_1",
            "address_line_2",
            "town",
            "county",
            "postcode",
            "country",
            "address_confidential",
            "area",
            "contact_name",
            "phone",
            "email",
            "website",
            "opening_times",
            "who_for",
            "minimum_age",
            "maximum_age",
            "cost",
            "cost_detail",
            "accessibility",
            "how_to_access",
            "ways_to_give",
            "how_to_give",
        ]
        labels = {
            "name": "Name",
            "organisation": "Run by",
            "asset_type": "What kind of asset is it?",
            "categories": "Categories",
            "place_name": "Name of the place (optional)",
            "address_line_1": "Address line 1",
            "address_line_2": "Address line 2 (optional)",
            "town": "Town or city",
            "county": "County (optional)",
            "postcode": "Postcode",
            "country": "Country",
            "address_confidential": "Keep the address confidential",
            "contact_name": "Who to contact",
            "opening_times": "Opening times in words (optional)",
            "phone": "Phone number",
            "email": "Email address",
            "cost": "What does it cost?",
            "cost_detail": "Cost details",
            "how_to_access": "How do people get to it?",
            "how_to_give": "How can they give?",
        }
        help_texts = {
            "organisation": "Optional. The organisation or group behind it",
            "asset_type": "After asset-based community development",
            "categories": "Choose all that apply",
            "country": "Optional. Two letters: GB for the UK (if left empty), IE for Ireland",
            "place_name": "The building or venue, like St Chad's Parish Centre",
            "address_confidential": (
                "For a refuge, or anywhere whose address must not be passed on. Practitioners "
                "will see ‘Address given on introduction’, and exports and the Open "
                "Referral API leave the address and postcode out"
            ),
            "opening_times": (
                "Anything the table of opening times cannot say. For example, closed on bank "
                "holidays"
            ),
            "who_for": "For example, older people, carers, anyone in the ward",
            "how_to_give": (
                "Optional. For example, drivers are needed on Tuesdays; the larder takes tins "
                "and dried food"
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "asset_type": forms.RadioSelect,
            "categories": forms.CheckboxSelectMultiple,
            "opening_times": forms.Textarea(attrs={"rows": 2}),
            "who_for": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "how_to_give": forms.Textarea(attrs={"rows": 3}),
            "cost": forms.RadioSelect,
            "how_to_access": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": "Enter the resource's name"},
            "description": {"required": "Enter a description of the resource"},
            "asset_type": {"required": "Select what kind of asset it is"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
        }

    layout_fields = [
        Fieldset(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("organisation", field_width=Fluid.TWO_THIRDS),
            Field.textarea("description"),
            Field.radios("asset_type"),
            Field.checkboxes("categories", small=True),
            legend="About it",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.text("place_name", field_width=Fluid.TWO_THIRDS),
            Field.text("address_line_1", field_width=Fluid.TWO_THIRDS),
            Field.text("address_line_2", field_width=Fluid.TWO_THIRDS),
            Field.text("town", field_width=Fluid.TWO_THIRDS),
            Field.text("county", field_width=Fluid.TWO_THIRDS),
            Field.text("postcode", field_width=Fixed.TEN),
            Field.text("country", field_width=Fixed.TWO),
            Field.checkbox("address_confidential"),
            Field.text("area", field_width=Fixed.TWENTY),
            Field.text("contact_name", field_width=Fluid.TWO_THIRDS),
            Field.text("phone", field_width=Fixed.TWENTY),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("website", field_width=Fluid.TWO_THIRDS),
            Field.textarea("opening_times"),
            legend="Where and when",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.textarea("who_for"),
            Field.text("minimum_age", field_width=Fixed.THREE),
            Field.text("maximum_age", field_width=Fixed.THREE),
            Field.radios("cost"),
            Field.text("cost_detail", field_width=Fluid.TWO_THIRDS),
            Field.textarea("accessibility"),
            Field.radios("how_to_access"),
            legend="Who can use it",
            legend_size=Size.MEDIUM,
        ),
        Fieldset(
            Field.checkboxes("ways_to_give", small=True),
            Field.textarea("how_to_give"),
            legend="How people can give here",
            legend_size=Size.MEDIUM,
        ),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["asset_type", "cost", "how_to_access"]:
            drop_blank_choice(self.fields[name])

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.latitude is not None and {"address_line_1", "postcode"} & set(
            self.changed_data
        ):
            # The point a directory published was of the old address: distances now use the
            # new postcode's centre.
            self.instance.latitude = self.instance.longitude = None
        return cleaned

    def clean_ways_to_give(self) -> list[str]:
        # Kept in the order of the choices, so that the same ways are always the same list.
        chosen = self.cleaned_data["ways_to_give"]
        return [way for way in CommunityResource.WayToGive.values if way in chosen]


class ResourceSearchForm(forms.Form):
    """Free text and filters for the directory. Malformed values are left out, never a 500."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        error_messages={"null_characters_not_allowed": "Search must not contain null characters"},
    )
    category = forms.ModelChoiceField(
        queryset=Category.objects.all(), required=False, empty_label="Any category"
    )
    asset_type = forms.ChoiceField(
        choices=[("", "Any kind")] + CommunityResource.AssetType.choices,
        required=False,
        label="Kind of asset",
    )
    area = forms.CharField(
        required=False,
        max_length=100,
        error_messages={"null_characters_not_allowed": "Area must not contain null characters"},
    )
    cost = forms.ChoiceField(
        choices=[("", "Any cost")] + CommunityResource.Cost.choices, required=False
    )
    how_to_access = forms.ChoiceField(
        choices=[("", "Either")] + CommunityResource.Access.choices,
        required=False,
        label="How people get to it",
    )

    def filters(self) -> dict:
        """What is valid of the search, by name; anything malformed is left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class PersonSearchForm(forms.Form):
    """The search for someone to connect to a resource. Malformed values are left out."""

    q = forms.CharField(
        label="Search for a person",
        required=False,
        max_length=100,
        help_text="Name, NHS number or postcode",
        error_messages={"null_characters_not_allowed": "Search must not contain null characters"},
    )

    def query(self) -> str:
        """What was searched for, or nothing if it was malformed."""
        self.is_valid()
        return self.cleaned_data.get("q", "")


class ConnectionForm(VersionCheck, GDSForm, forms.ModelForm):
    """How a person takes part in a resource. The person and the resource come from the page's
    address (or the connection), never from the form."""

    submit_label = "Save the connection"

    class Meta:
        model = Connection
        fields = ["status", "role", "notes"]
        labels = {
            "status": "Where have things got to?",
            "role": "How do they take part?",
            "notes": "Notes",
        }
        help_texts = {"notes": "Optional. For example, who made the introduction"}
        widgets = {
            "status": forms.RadioSelect,
            "role": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "status": {"required": "Select where things have got to"},
            "role": {"required": "Select how they take part"},
        }

    layout_fields = [Field.radios("status"), Field.radios("role"), "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["status", "role"]:
            drop_blank_choice(self.fields[name])
        if self.instance._state.adding:
            # Giving is as likely as receiving: the practitioner chooses, nothing is assumed.
            self.fields["role"].initial = None
            self.initial.pop("role", None)


class OpeningTimeForm(GDSForm, forms.ModelForm):
    """A line of a resource's opening times: the days, the hours and, if it holds only for a
    while, the dates."""

    submit_label = "Add these opening times"
    days = forms.MultipleChoiceField(
        label="Which days is it open?",
        help_text="Select all the days these times are for",
        choices=Day.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the days it is open at these times",
            "invalid_choice": "Select the days it is open at these times",
        },
    )
    opens_at = TimeField(
        label="Opens at", error_messages={"required": "Enter the time it opens, like 9am"}
    )
    closes_at = TimeField(
        label="Closes at",
        help_text="For example, 5pm. Earlier than the opening time if it closes the next day",
        error_messages={"required": "Enter the time it closes, like 5pm"},
    )
    valid_from = DateField(
        label="First date (optional)",
        help_text="Only if these times are for a while, like the summer holidays. For example, "
        "21 7 2027",
        required=False,
    )
    valid_to = DateField(
        label="Last date (optional)", help_text="For example, 1 9 2027", required=False
    )

    class Meta:
        model = OpeningTime
        fields = ["days", "opens_at", "closes_at", "valid_from", "valid_to", "notes"]
        labels = {"notes": "Anything else about these times (optional)"}
        help_texts = {"notes": "For example, closed for lunch from 1pm to 2pm"}

    layout_fields = [
        Field.checkboxes("days", small=True),
        Field.text("opens_at", field_width=Fixed.FIVE),
        Field.text("closes_at", field_width=Fixed.FIVE),
        Field("valid_from"),
        Field("valid_to"),
        Field.text("notes", field_width=Fluid.TWO_THIRDS),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["days"] = self.instance.day_codes

    def clean_days(self) -> str:
        chosen = set(self.cleaned_data["days"])
        return ",".join(code for code in Day.values if code in chosen)


class PlaceForm(AddressChecks, GDSForm, forms.ModelForm):
    """Another place a resource runs at."""

    submit_label = "Add this place"

    class Meta:
        model = Place
        fields = [
            "name",
            "address_line_1",
            "address_line_2",
            "town",
            "county",
            "postcode",
            "country",
            "accessibility",
            "confidential",
        ]
        labels = {
            "name": "Name of the place",
            "address_line_1": "Address line 1 (optional)",
            "address_line_2": "Address line 2 (optional)",
            "town": "Town or city (optional)",
            "county": "County (optional)",
            "postcode": "Postcode (optional)",
            "country": "Country",
            "accessibility": "How accessible is it? (optional)",
            "confidential": "Keep the address confidential",
        }
        help_texts = {
            "name": "The building or venue, like Bramley Park pool, or Online",
            "country": "Optional. Two letters: GB for the UK (if left empty), IE for Ireland",
            "accessibility": "For example, step-free entrance; hearing loop",
            "confidential": (
                "For a refuge, or anywhere whose address must not be passed on. Practitioners "
                "will see ‘Another place’ and ‘Address given on introduction’, and exports "
                "and the Open Referral API leave the place out"
            ),
        }
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": "Enter the name of the place"}}

    layout_fields = [
        Field.text("name", field_width=Fluid.TWO_THIRDS),
        Field.text("address_line_1", field_width=Fluid.TWO_THIRDS),
        Field.text("address_line_2", field_width=Fluid.TWO_THIRDS),
        Field.text("town", field_width=Fluid.TWO_THIRDS),
        Field.text("county", field_width=Fluid.TWO_THIRDS),
        Field.text("postcode", field_width=Fixed.TEN),
        Field.text("country", field_width=Fixed.TWO),
        Field.textarea("accessibility"),
        Field.checkbox("confidential"),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True


class FeedbackForm(GDSForm, forms.ModelForm):
    """Tell us if this has changed: what a practitioner found of a resource."""

    submit_label = "Send"

    class Meta:
        model = Feedback
        fields = ["kind", "what_changed"]
        labels = {"kind": "Is it still as the directory describes it?", "what_changed": ""}
        widgets = {
            "kind": forms.RadioSelect,
            "what_changed": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "kind": {"required": "Select whether it is still as the directory describes it"},
        }

    layout_fields = [Field.radios("kind"), Field.textarea("what_changed")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_blank_choice(self.fields["kind"])
        what_changed = self.fields["what_changed"]
        what_changed.label = "What has changed?"
        what_changed.help_text = (
            "Needed if something is out of date. For example, it now meets on Wednesdays, or "
            "the phone number has changed"
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        out_of_date = cleaned.get("kind") == Feedback.Kind.OUT_OF_DATE
        if out_of_date and not cleaned.get("what_changed", "").strip():
            self.add_error("what_changed", "Tell us what has changed")
        return cleaned


class OpenReferralImportForm(GDSForm, forms.Form):
    """Open Referral UK files to check, and whether to import them too."""

    MAX_BYTES = 200 * 1024 * 1024
    KINDS = (".json", ".csv", ".zip")
    submit_label = "Continue"

    # Django's form metaclass moves declared fields out of the class, so this field does not
    # replace the form's `files` (what was uploaded), as the type checker takes it to.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Upload Open Referral UK data",
        help_text=(
            "A JSON file of services, or the CSV files of the tabular form (services.csv, "
            "organizations.csv and the rest), or a zip of them. You can select several files"
        ),
        accept=",".join(KINDS),
        error_messages={"required": "Select the files to import"},
    )
    mode = forms.ChoiceField(
        label="What do you want to do?",
        choices=[
            ("check", "Check the data only: nothing is saved"),
            ("import", "Check the data and import it if nothing is wrong"),
        ],
        initial="check",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to check or import the data"},
    )
    layout_fields = ["files", Field.radios("mode")]

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        for upload in files:
            if not upload.name.lower().endswith(self.KINDS):
                raise forms.ValidationError(f"{upload.name} must be a JSON, CSV or zip file")
        if sum(upload.size for upload in files) > self.MAX_BYTES:
            raise forms.ValidationError("The files must be smaller than 200 MB in all")
        return files

    @property
    def dry_run(self) -> bool:
        return self.cleaned_data["mode"] == "check"


class OpenReferralFeedForm(GDSForm, forms.Form):
    """Another directory's Open Referral UK API to import from: one the council allows."""

    submit_label = "Import the feed"

    url = forms.URLField(
        label="Address of the directory's Open Referral UK API",
        help_text="For example, https://directory.example.org/api/open-referral/",
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": "Enter the address of the directory's API",
            "invalid": "Enter the address of the directory's API, like https://example.org/api",
        },
    )
    refresh_daily = forms.BooleanField(
        label="Read it again every day",
        help_text="The worker imports it again each day, as you; untick to stop",
        required=False,
    )
    layout_fields = [Field.text("url"), Field.checkbox("refresh_daily")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown on the Open Referral UK page beside the other forms, sent to a page of its own.
        self.helper.form_action = reverse("community:open_referral_feed")
        self.helper.layout[-1] = Submit("read", self.submit_label)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if problem := feed_address_problem(url):
            raise forms.ValidationError(problem)
        return url


class OpenReferralExportForm(GDSForm, forms.Form):
    """Which file to prepare of the whole directory, in the background."""

    submit_label = "Prepare the file"

    kind = forms.ChoiceField(
        label="Which file do you want?",
        choices=[("json", "JSON"), ("zip", "CSV tables, zipped")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which file to prepare: JSON or CSV tables"},
    )
    layout_fields = [Field.radios("kind")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # It is shown on the Open Referral UK page, below the import's form (whose button is
        # "submit"), and sent to a page of its own.
        self.helper.form_action = reverse("community:open_referral_export")
        self.helper.layout[-1] = Submit("prepare", self.submit_label)
