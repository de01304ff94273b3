from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Submit
from django import forms
from django.utils import timezone

from govuk.forms import DateField, GDSForm
from history.forms import VersionCheck
from people.models import Person

from .models import MeetingAttendance, NetworkMember, ReciprocityNote


class NetworkMemberForm(VersionCheck, GDSForm, forms.ModelForm):
    submit_label = "Save"
    started_on = DateField(
        label="Part of their network since",
        help_text="An estimate is fine. For example, 1 6 2020",
        latest=timezone.localdate,
    )

    class Meta:
        model = NetworkMember
        fields = [
            "name",
            "linked_person",
            "relationship",
            "relationship_detail",
            "closeness",
            "contact",
            "gives_person",
            "person_gives",
            "started_on",
        ]
        labels = {
            "name": "Their name",
            "linked_person": "Are they also someone your team works with?",
            "relationship": "How do they know each other?",
            "relationship_detail": "In their words",
            "closeness": "How close is the relationship?",
            "contact": "How often are they in touch?",
            "gives_person": "What do they give the person?",
            "person_gives": "What does the person give them?",
        }
        help_texts = {
            "relationship_detail": "Optional. For example, daughter, old workmate, from church",
            "linked_person": "Optional. Choose their record to link the two",
            "closeness": "Stressful means the relationship causes worry or harm",
            "gives_person": "Practical help, company, advice: leave blank if nothing",
            "person_gives": "What they do for this person: leave blank if nothing",
        }
        widgets = {
            "relationship": forms.RadioSelect,
            "closeness": forms.RadioSelect,
            "contact": forms.RadioSelect,
            "gives_person": forms.Textarea(attrs={"rows": 3}),
            "person_gives": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter their name"},
            "relationship": {"required": "Select how they know each other"},
            "closeness": {"required": "Select how close the relationship is"},
        }

    layout_fields = [
        Field.text("name", field_width=Fluid.TWO_THIRDS),
        Field.select("linked_person"),
        Field.radios("relationship"),
        Field.text("relationship_detail", field_width=Fixed.TWENTY),
        Field.radios("closeness"),
        Field.radios("contact"),
        Field.textarea("gives_person"),
        Field.textarea("person_gives"),
        Field("started_on"),
    ]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        # People of the same team whom the user may see: the link never reaches further.
        self.fields["linked_person"].queryset = (
            Person.objects.filter(team=person.team, status=Person.Status.OPEN)
            .exclude(pk=person.pk)
            .order_by("family_name", "given_names")
        )
        self.fields["linked_person"].empty_label = "No"
        self.fields["linked_person"].error_messages["invalid_choice"] = (
            "Select someone your team works with, or No"
        )
        for name in ["relationship", "closeness", "contact"]:
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]


class EndMemberForm(GDSForm, forms.Form):
    submit_label = "End the relationship"
    ended_on = DateField(label="When did it end?", latest=timezone.localdate)
    reason = forms.CharField(
        label="What happened?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what happened"},
    )

    def __init__(self, *args, member: NetworkMember, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean_ended_on(self):
        ended_on = self.cleaned_data["ended_on"]
        if ended_on < self.member.started_on:
            raise forms.ValidationError("The end must be after they became part of the network")
        return ended_on


class ReciprocityNoteForm(GDSForm, forms.ModelForm):
    submit_label = "Add the note"
    date = DateField(label="Date", latest=timezone.localdate)

    class Meta:
        model = ReciprocityNote
        fields = ["date", "direction", "text"]
        labels = {"direction": "Which way did it go?", "text": "What happened?"}
        widgets = {"direction": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "direction": {"required": "Select which way it went"},
            "text": {"required": "Enter what happened"},
        }

    layout_fields = ["date", Field.radios("direction"), "text"]


class NetworkDateForm(GDSForm, forms.Form):
    """Picks the day on which to show the network as it was."""

    submit_label = "Show the network on this date"
    form_method = "get"
    on = DateField(
        label="Show the network as it was on",
        required=False,
        help_text="For example, 1 9 2026. Leave blank for today",
        latest=timezone.localdate,
    )


class AttendeesForm(GDSForm, forms.Form):
    """Who from the person's network came to a network meeting, and what each offered.

    Used as a section of the conversation record: it takes the conversation as
    `instance` and saves its attendance rows.
    """

    submit_label = "Save and continue"

    def __init__(self, data=None, *, instance, **kwargs):
        self.conversation = instance
        day = instance.date or timezone.localdate()
        self.members = list(instance.person.network_members.active_on(day))
        came = {a.member_id: a for a in instance.attendances.all()}
        super().__init__(data, **kwargs)
        for member in self.members:
            attendance = came.get(member.pk)
            self.fields[f"came_{member.pk}"] = forms.BooleanField(
                label=f"{member.name} came",
                required=False,
                initial=attendance is not None,
                help_text=member.get_relationship_display(),
            )
            self.fields[f"offered_{member.pk}"] = forms.CharField(
                label=f"What did {member.name} offer?",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=attendance.offered if attendance else "",
            )
        self.helper.layout = Layout(*self.fields, Submit("submit", self.submit_label))

    def clean(self):
        cleaned = super().clean()
        for member in self.members:
            if cleaned.get(f"offered_{member.pk}") and not cleaned.get(f"came_{member.pk}"):
                self.add_error(
                    f"came_{member.pk}", f"Tick that {member.name} came, or clear what they offered"
                )
        return cleaned

    def save(self) -> None:
        attendances = self.conversation.attendances
        attendances.all().delete()
        attendances.bulk_create(
            [
                MeetingAttendance(
                    conversation=self.conversation,
                    member=member,
                    offered=self.cleaned_data[f"offered_{member.pk}"],
                )
                for member in self.members
                if self.cleaned_data[f"came_{member.pk}"]
            ]
        )
