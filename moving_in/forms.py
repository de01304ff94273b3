from crispy_forms_gds.layout import Field
from django import forms

from govuk.forms import GDSForm

from .reading import MAX_BYTES, MAX_MB


def csv_file(label: str, help_text: str, *, required: bool = False) -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.FileInput(attrs={"class": "govuk-file-upload", "accept": ".csv"}),
        error_messages={"required": f"Select {label[0].lower()}{label[1:]}"},
    )


class ImportForm(GDSForm, forms.Form):
    """The extract's CSV files to check, and whether to import them too."""

    submit_label = "Continue"

    people = csv_file("The people file", "people.csv: one row for each person", required=True)
    key_dates = csv_file("The key dates file (optional)", "key_dates.csv")
    network = csv_file("The network file (optional)", "network.csv")
    mode = forms.ChoiceField(
        label="What do you want to do?",
        choices=[
            ("check", "Check the files only: nothing is saved"),
            ("import", "Check the files and import them if nothing is wrong"),
        ],
        initial="check",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to check or import the files"},
    )
    layout_fields = ["people", "key_dates", "network", Field.radios("mode")]

    def clean(self):
        cleaned = super().clean()
        for name in ["people", "key_dates", "network"]:
            upload = cleaned.get(name)
            if upload is None:
                continue
            if not upload.name.lower().endswith(".csv"):
                self.add_error(name, "The file must be a CSV file, ending .csv")
            elif upload.size > MAX_BYTES:
                self.add_error(name, f"The file must be smaller than {MAX_MB} MB")
        return cleaned

    @property
    def dry_run(self) -> bool:
        return self.cleaned_data["mode"] == "check"
