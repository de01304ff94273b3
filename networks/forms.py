import datetime
import re
import uuid
from collections.abc import Iterable

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Restriction
from govuk.forms import DateField, GDSForm, drop_blank_choice
from history.forms import VersionCheck
from people.models import Person

from .models import NetworkMember, ReciprocityNote, attendance_changes

ATTENDEES_PER_PAGE = 25
MOST_ADDED_AT_ONCE = 100
# The fields of one member on the who-came form: what they offered, and taking them off.
MEMBER_FIELD = re.compile(r"(offered|offered_back|remove)_(\d{1,18})")
NOT_IN_THE_NETWORK = "Select people from their network who were part of it on the day"
# The network is compared on dates no earlier than this: no record here goes back before 2000.
EARLIEST = datetime.date(2000, 1, 1)


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
            "unpaid_carer",
            "in_persons_copy",
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
            "in_persons_copy": "Name them in the person's own copy of their record",
            "unpaid_carer": "They are an unpaid carer for the person",
        }
        help_texts = {
            "relationship_detail": "Optional. For example, daughter, old workmate, from church",
            "linked_person": "Optional. Choose their record to link the two",
            "closeness": "Stressful means the relationship causes worry or harm",
            "gives_person": "Practical help, company, advice: leave blank if nothing",
            "person_gives": "What the person does for them: leave blank if nothing",
            "unpaid_carer": "They provide care without being paid for it. They will be "
            "offered a conversation of their own, about their needs as a carer",
            "in_persons_copy": "Decide with the person. Someone stressful, or someone your "
            "service also supports, may be better left out",
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
        Field.checkbox("unpaid_carer"),
        Field.checkbox("in_persons_copy"),
    ]

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        # People of the same team whom the user may see: the link never reaches further, and
        # never to a restricted record, which no list offers.
        linked_person = self.fields["linked_person"]
        assert isinstance(linked_person, forms.ModelChoiceField)
        linked_person.queryset = (
            Person.objects.filter(team=person.team, status=Person.Status.OPEN)
            .exclude(pk=person.pk)
            .exclude(pk__in=Restriction.objects.in_force().values("person"))
            .order_by("family_name", "given_names")
        )
        linked_person.empty_label = "No"
        linked_person.error_messages["invalid_choice"] = (
            "Select someone your team works with, or No"
        )
        for name in ["relationship", "closeness", "contact"]:
            drop_blank_choice(self.fields[name])
        # Who gives to whom, in the person's name.
        self.fields["gives_person"].label = f"What do they give {person.called}?"
        self.fields["person_gives"].label = f"What does {person.called} give them?"

    def people_offered(self) -> QuerySet[Person]:
        """Everyone the choice of "someone your team works with" names."""
        linked_person = self.fields["linked_person"]
        assert isinstance(linked_person, forms.ModelChoiceField)
        assert linked_person.queryset is not None
        return linked_person.queryset


class CarerOfferForm(VersionCheck, GDSForm, forms.ModelForm):
    """Offering an unpaid carer a conversation of their own (Care Act 2014 s.10)."""

    submit_label = "Save"
    carer_offered_on = DateField(
        label="When was it offered?", help_text="For example, 27 11 2026", latest=timezone.localdate
    )

    class Meta:
        model = NetworkMember
        fields = ["carer_offered_on", "carer_offer"]
        labels = {"carer_offer": "What did they say?"}
        widgets = {"carer_offer": forms.RadioSelect}
        error_messages = {"carer_offer": {"required": "Select what they said"}}

    layout_fields = ["carer_offered_on", Field.radios("carer_offer")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer_offer"].required = True
        drop_blank_choice(self.fields["carer_offer"])
        self.fields["carer_offered_on"].error_messages["required"] = "Enter when it was offered"

    def clean_carer_offered_on(self):
        offered_on = self.cleaned_data["carer_offered_on"]
        if offered_on < self.instance.started_on:
            raise forms.ValidationError(
                "The offer must be on or after they became part of the network"
            )
        return offered_on


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


class NetworkCompareForm(GDSForm, forms.Form):
    """Two days on which to compare the network; read from the query string. Left blank,
    the first is the person's first contact and the second today."""

    submit_label = "Compare"
    form_method = "get"
    first = DateField(
        label="First date", required=False, earliest=lambda: EARLIEST, latest=timezone.localdate
    )
    second = DateField(
        label="Second date",
        required=False,
        earliest=lambda: EARLIEST,
        latest=timezone.localdate,
        help_text="For example, 1 9 2026. Leave blank for today",
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_contact = _first_contact_or_today(person)
        self.fields["first"].initial = self.first_contact
        self.fields["first"].help_text = (
            "For example, 1 9 2026. Leave blank for their first contact, "
            f"{self.first_contact.day} {self.first_contact:%B %Y}"
        )
        self.fields["second"].initial = timezone.localdate

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        first = cleaned.get("first") or self.first_contact
        second = cleaned.get("second") or timezone.localdate()
        if second < first:
            self.add_error("second", "The second date must be the same as or after the first")
        return cleaned

    def dates(self) -> tuple[datetime.date, datetime.date] | None:
        """The two days to compare; None when the form has errors."""
        if self.is_bound and not self.is_valid():
            return None
        data = self.cleaned_data if self.is_bound else {}
        return data.get("first") or self.first_contact, data.get("second") or timezone.localdate()


def _first_contact_or_today(person: Person) -> datetime.date:
    """The person's first contact, as a date the network can be compared on."""
    return min(max(person.first_contact_date, EARLIEST), timezone.localdate())


class AttendeesForm(VersionCheck, GDSForm, forms.Form):
    """Who came to a network meeting from the person's network, and what each offered.

    A section of the conversation record: it takes the conversation as
    `instance`. It shows one page of those recorded as coming (`page`), each
    with what they offered and a box to take them off the list; saving changes
    only the members it showed, so everyone else recorded (on other pages, or
    added since) is kept. Sent back, it rebuilds the members it showed from the
    field names, so a refused form keeps exactly what was typed. People are
    added by finding them (`AttendeeSearchForm`, `AttendeeAddForm`).

    It carries the conversation's version: saving who came saves a new version
    of the conversation (`attendance_save`), so a save over a newer one, or
    with no version, is refused like any other section's.
    """

    submit_label = "Save and continue"

    def __init__(self, data=None, *, instance, page=1, **kwargs):
        self.instance = self.conversation = instance
        if data is None:
            attendances = instance.attendances.select_related("member")
            self.page: Page | None = Paginator(attendances, ATTENDEES_PER_PAGE).get_page(page)
            self.attending = {a.member_id: a for a in self.page.object_list}
            self.members = [attendance.member for attendance in self.page.object_list]
            self.unknown = 0
        else:
            self.page = None
            shown = {int(match[2]) for name in data if (match := MEMBER_FIELD.fullmatch(name))}
            network = instance.person.network_members.order_by("name", "pk")
            self.members = list(network.filter(pk__in=shown)) if shown else []
            self.unknown = len(shown) - len(self.members)
            attendances = instance.attendances.filter(member__in=self.members) if shown else []
            self.attending = {a.member_id: a for a in attendances}
        super().__init__(data, **kwargs)
        rows = [self._add_member_fields(member) for member in self.members]
        self.helper.layout = Layout("version", *rows, Submit("submit", self.submit_label))
        self.helper.form_action = reverse(
            "conversations:section", kwargs={"code": instance.code, "slug": "network-meeting"}
        )
        # static/app/autosave.js saves the page while the practitioner types, as on every section.
        self.helper.attrs = {"data-autosave": ""}
        self.search = AttendeeSearchForm(conversation=instance)

    def _add_member_fields(self, member: NetworkMember) -> Fieldset:
        attendance = self.attending.get(member.pk)
        self.fields[f"offered_{member.pk}"] = forms.CharField(
            label="What they offered",
            required=False,
            max_length=2000,
            initial=attendance.offered if attendance else "",
            error_messages={
                "max_length": f"What {member.name} offered must be 2000 characters or fewer",
                "null_characters_not_allowed": f"What {member.name} offered must not contain "
                "null characters",
            },
        )
        self.fields[f"offered_back_{member.pk}"] = forms.CharField(
            label=f"What {self.conversation.person.display_name} offers them back",
            required=False,
            max_length=2000,
            initial=attendance.offered_back if attendance else "",
            error_messages={
                "max_length": f"What is offered back to {member.name} must be 2000 characters "
                "or fewer",
                "null_characters_not_allowed": f"What is offered back to {member.name} must not "
                "contain null characters",
            },
        )
        self.fields[f"remove_{member.pk}"] = forms.BooleanField(
            label="They did not come: take them off this list", required=False
        )
        # crispy-forms-gds writes legends and labels unescaped: names are escaped here.
        legend = escape(f"{member.name} ({member.get_relationship_display().lower()})")
        return Fieldset(
            Field.textarea(f"offered_{member.pk}", rows=2),
            Field.textarea(f"offered_back_{member.pk}", rows=2),
            Field.checkbox(f"remove_{member.pk}", small=True),
            legend=legend,
            legend_size=Size.SMALL,
        )

    def clean(self):
        cleaned = super().clean()
        if self.stale:
            self.changed_since += attendance_changes(self.conversation, cleaned.get("version"))
        if self.unknown:
            self.add_error(None, "Only people in their network can be recorded as coming")
        return cleaned

    def removed(self) -> list[NetworkMember]:
        """The members shown whom the practitioner took off the list."""
        return [m for m in self.members if self.cleaned_data[f"remove_{m.pk}"]]

    def offered(self, field: str = "offered") -> dict[NetworkMember, str]:
        """What each member shown, and still on the list, offered (or, with `field`
        "offered_back", what the person offers them back)."""
        removed = self.removed()
        return {
            member: self.cleaned_data[f"{field}_{member.pk}"]
            for member in self.members
            if member not in removed
        }


class AttendeeSearchForm(GDSForm, forms.Form):
    """Finds people in the person's network by name, to add to who came to a meeting."""

    submit_label = "Search"
    form_method = "get"
    q = forms.CharField(
        label="Add someone who came",
        required=False,
        max_length=150,
        help_text="Search their network by name, or search with nothing typed to list "
        "everyone who was part of it on the day of the meeting",
    )

    def __init__(self, *args, conversation, on_its_own_page: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_action = reverse(
            "conversations:attendee_search", kwargs={"code": conversation.code}
        )
        # Under the page's own heading "Add someone who came", the box asks only for a name.
        if on_its_own_page:
            self.fields["q"].label = "Their name, or part of it"
            heading = {"label_size": Size.SMALL}
        else:
            heading = {"label_size": Size.MEDIUM, "label_tag": "h2"}
        self.helper.layout = Layout(
            Field.text("q", field_width=Fluid.TWO_THIRDS, **heading),
            Submit("search", self.submit_label, css_class="govuk-button--secondary"),
        )


class MemberCodesField(forms.MultipleChoiceField):
    """Codes of network members, ticked from a page of them: the form checks each against
    the database, since the page shows only some of the members that may be chosen."""

    def valid_value(self, value) -> bool:
        return True


class AttendeeAddForm(GDSForm, forms.Form):
    """Who came, ticked from a page of people found in the person's network."""

    submit_label = "Add to who came"
    members = MemberCodesField(
        label="Who came?",
        help_text="Select everyone who came",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select everyone who came"},
    )
    # The search the ticks were made in, to show the same people again if something is wrong
    # (with ids of their own: the search form on the same page has a q).
    q = forms.CharField(
        widget=forms.HiddenInput(attrs={"id": "add-q"}), required=False, max_length=150
    )
    page = forms.CharField(
        widget=forms.HiddenInput(attrs={"id": "add-page"}), required=False, max_length=10
    )

    # The first box has the field's own id, so that the error summary's link reaches it.
    layout_fields = ["q", "page", Field("members", template="networks/_choose_members.html")]

    def __init__(
        self, *args, conversation, members, found: Iterable[NetworkMember], attending: set, **kwargs
    ):
        """`members`: who may be chosen; `found`: the page of them to show, of whom
        `attending` (member ids) are already recorded as coming."""
        self.allowed = members
        super().__init__(*args, **kwargs)
        self.helper.form_action = reverse(
            "conversations:attendee_add", kwargs={"code": conversation.code}
        )
        members_field = self.fields["members"]
        assert isinstance(members_field, forms.ChoiceField)
        members_field.choices = [
            Choice(str(member.code), member.name, hint=_found_hint(member, attending))
            for member in found
        ]

    def clean_members(self) -> list[NetworkMember]:
        try:
            codes = {uuid.UUID(code) for code in self.cleaned_data["members"]}
        except ValueError:
            codes = None
        if not codes or len(codes) > MOST_ADDED_AT_ONCE:
            raise forms.ValidationError(NOT_IN_THE_NETWORK)
        chosen = list(self.allowed.filter(code__in=codes))
        if len(chosen) != len(codes):
            raise forms.ValidationError(NOT_IN_THE_NETWORK)
        return chosen


def _found_hint(member: NetworkMember, attending: set[int]) -> str:
    hint = member.get_relationship_display()
    return f"{hint}: already recorded as coming" if member.pk in attending else hint
