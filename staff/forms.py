from typing import Any

from django import forms
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Role, Team, User
from govuk.forms import ChoiceById, ChoicesById, DateField, GDSForm

from .services import NOT_YOUR_OWN_ROLES, NOT_YOURSELF, open_people_of

# Roles whose holders work with people, and so need a team to work in.
WORK_IN_A_TEAM = {Role.PRACTITIONER.group_name, Role.TEAM_LEAD.group_name}
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.org"


def works_with_people() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, groups__permissions__codename="work_with_people"
    ).distinct()


class StaffMemberForm(GDSForm, forms.ModelForm):
    """A member of staff added or changed: name, email, teams and roles."""

    submit_label = "Save"
    roles = ChoicesById(
        queryset=Group.objects.filter(name__in=[role.group_name for role in Role]).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        label="Roles",
        help_text="Select all that apply",
        error_messages={
            "required": "Select at least one role",
            "invalid_pk_value": "Select the roles from the list",
        },
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "teams"]
        labels = {"full_name": "Full name", "email": "Email address", "teams": "Teams"}
        help_texts = {
            "email": "Their work email address: they sign in with it",
            "teams": "A practitioner or team lead works with the people of their teams",
        }
        field_classes = {"teams": ChoicesById}
        widgets = {
            "teams": forms.CheckboxSelectMultiple,
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }
        error_messages = {
            "email": {"invalid": EMAIL_FORMAT},
            "teams": {"invalid_pk_value": "Select the teams from the list"},
        }

    def __init__(self, *args, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        member = self.instance
        teams = self.fields["teams"]
        assert isinstance(teams, forms.ModelMultipleChoiceField)
        # Closed teams are not offered, but one a member is in stays theirs.
        in_teams = Q(members=member) if member.pk else Q(pk__in=[])
        teams.queryset = Team.objects.filter(Q(closed_on__isnull=True) | in_teams).distinct()
        if member.pk:
            self.initial["roles"] = list(member.groups.values_list("pk", flat=True))
        if self.is_themselves:
            # Kept as they are and not offered: the page says why.
            self.fields["roles"].disabled = True
            self.fields["roles"].widget = forms.MultipleHiddenInput()

    @property
    def is_themselves(self) -> bool:
        return self.instance.pk is not None and self.instance.pk == self.by.pk

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("A member of staff already has this email address")
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        roles = cleaned.get("roles") or []
        needs_a_team = {role.name for role in roles} & WORK_IN_A_TEAM
        if needs_a_team and not cleaned.get("teams") and "teams" not in self.errors:
            self.add_error("teams", "Select at least one team for a practitioner or team lead")
        # A disabled field ignores what is sent; a change sent anyway is refused out loud.
        sent = self.data.getlist("roles") if hasattr(self.data, "getlist") else []
        current = {str(pk) for pk in self.initial.get("roles", [])}
        if self.is_themselves and sent and set(sent) != current:
            self.add_error(None, NOT_YOUR_OWN_ROLES)
        return cleaned


class DeactivateForm(GDSForm, forms.Form):
    submit_label = "Deactivate their account"
    reason = forms.ChoiceField(
        label="Why is their account being closed?",
        choices=[
            ("they have left", "They have left"),
            ("they are away for a long time", "They are away for a long time"),
            ("another reason", "Another reason"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select why their account is being closed"},
    )

    def __init__(self, *args, member: User, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.member, self.by = member, by

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.member.pk == self.by.pk:
            self.add_error("reason", NOT_YOURSELF)
        return cleaned


class ReactivateForm(GDSForm, forms.Form):
    submit_label = "Reactivate their account"
    send_link = forms.TypedChoiceField(
        label="Send them a link to set a new password?",
        help_text="They cannot sign in with a password they have forgotten",
        choices=[("yes", "Yes"), ("no", "No, they know their password")],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to send them a link to set a new password"},
    )


class TeamForm(GDSForm, forms.ModelForm):
    submit_label = "Save"

    class Meta:
        model = Team
        fields = ["name", "phone", "email", "deputy_reviewers"]
        labels = {
            "name": "Name",
            "phone": "Phone number (optional)",
            "email": "Email address (optional)",
            "deputy_reviewers": "Deputy reviewers (optional)",
        }
        help_texts = {
            "phone": "Printed in the copy of their record a person is given, for them to call",
            "email": "Printed in the copy of their record a person is given",
            "deputy_reviewers": (
                "Staff of other teams who review this team's records when none of its own "
                "leads may (a lead never reviews their own writing)"
            ),
        }
        field_classes = {"deputy_reviewers": ChoicesById}
        widgets = {"deputy_reviewers": forms.CheckboxSelectMultiple}
        error_messages = {
            "email": {"invalid": EMAIL_FORMAT},
            "deputy_reviewers": {"invalid_pk_value": "Select the deputy reviewers from the list"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        deputies = self.fields["deputy_reviewers"]
        assert isinstance(deputies, forms.ModelMultipleChoiceField)
        offered = works_with_people()
        if self.instance.pk:
            offered = offered.exclude(teams=self.instance)
        deputies.queryset = offered.order_by("full_name")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Team.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("There is already a team with this name")
        return name


class TeamCloseForm(GDSForm, forms.Form):
    submit_label = "Close the team"
    closed_on = DateField(label="Date the team closed", latest=timezone.localdate)

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if held := open_people_of(self.team):
            self.add_error(
                None,
                f"{self.team.name} still works with {held} "
                f"{'person' if held == 1 else 'people'}: move them to other teams, or close "
                "their records, before closing the team",
            )
        return cleaned


class TeamLeadForm(GDSForm, forms.Form):
    submit_label = "Name them as a lead"
    member = ChoiceById(
        queryset=User.objects.none(),
        label="Who will lead the team?",
        help_text="They get the Team lead role, which is theirs in each of their teams",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select who will lead the team"},
    )

    def __init__(self, *args, team: Team, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        member = self.fields["member"]
        assert isinstance(member, forms.ModelChoiceField)
        member.queryset = (
            team.members.filter(is_active=True)
            .exclude(groups__name=Role.TEAM_LEAD.group_name)
            .order_by("full_name")
        )

    def clean_member(self) -> User:
        member = self.cleaned_data["member"]
        if member.pk == self.by.pk:
            raise forms.ValidationError(NOT_YOUR_OWN_ROLES)
        return member
