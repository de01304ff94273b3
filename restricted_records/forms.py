from crispy_forms_gds.layout import Field
from django import forms

from accounts.models import Restriction, User
from govuk.forms import ChoicesById, GDSForm, drop_blank_choice


class StaffChoiceField(ChoicesById):
    def label_from_instance(self, obj: User) -> str:
        teams = ", ".join(team.name for team in obj.teams.all())
        return f"{obj.full_name} ({teams})" if teams else obj.full_name


class RestrictionForm(GDSForm, forms.ModelForm):
    """Why a record is restricted, and the staff who may still open it."""

    submit_label = "Save the restriction"
    named_staff = StaffChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Who may open it?",
        help_text=(
            "Only these staff will see the record, in lists, searches and its pages. Choose "
            "who works with the person now; no one else on their team will"
        ),
        error_messages={"required": "Select at least one member of staff who may open it"},
    )

    class Meta:
        model = Restriction
        fields = ["reason", "details", "named_staff"]
        labels = {"reason": "Why is the record restricted?"}
        widgets = {"reason": forms.RadioSelect, "details": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"reason": {"required": "Select why the record is restricted"}}

    layout_fields = [Field.radios("reason"), "details", Field.checkboxes("named_staff")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = self.fields["named_staff"]
        assert isinstance(staff, forms.ModelMultipleChoiceField)
        staff.queryset = (
            User.objects.filter(is_active=True, groups__permissions__codename="work_with_people")
            .distinct()
            .prefetch_related("teams")
            .order_by("full_name")
        )
        drop_blank_choice(self.fields["reason"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Restriction.Reason.OTHER:
            self.require("details", "Say why the record is restricted")
        return cleaned


class LiftForm(GDSForm, forms.Form):
    submit_label = "Lift the restriction"
    because = forms.CharField(
        label="Why is the restriction being lifted?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the restriction is being lifted"},
    )
