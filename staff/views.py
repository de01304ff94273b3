from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Team, User
from accounts.permissions import governs_information, manages_accounts
from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from second_factor.requirement import has_second_factor, users_with_second_factor

from .forms import (
    DeactivateForm,
    ReactivateForm,
    StaffMemberForm,
    TeamCloseForm,
    TeamForm,
    TeamLeadForm,
)
from .models import AccountChange
from .selectors import staff_search, teams_listed
from .services import (
    open_people_of,
    staff_member_add,
    staff_member_deactivate,
    staff_member_reactivate,
    staff_member_update,
    team_add,
    team_close,
    team_lead_name,
    team_update,
)

STAFF_PER_PAGE = 25
TEAMS_PER_PAGE = 25
CHANGES_PER_PAGE = 25


def get_member(pk: int) -> User:
    return get_object_or_404(User.objects.prefetch_related("teams", "groups"), pk=pk)


def get_team(pk: int) -> Team:
    return get_object_or_404(Team, pk=pk)


def _changes(request: AuthenticatedHttpRequest, changes):
    return Paginator(changes.select_related("by", "user", "team"), CHANGES_PER_PAGE).get_page(
        request.GET.get("page")
    )


@login_required
@manages_accounts
@require_GET
def staff_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every member of staff, searchable by name or email: teams, roles, whether active, when
    they last signed in and whether they have a second factor."""
    query = request.GET.get("q", "").strip()[:200].replace("\x00", "")
    page = Paginator(staff_search(query), STAFF_PER_PAGE).get_page(request.GET.get("page"))
    second_factor = users_with_second_factor(page.object_list)
    context = {"page": page, "q": query, "second_factor": second_factor}
    return render(request, "staff/list.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def staff_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StaffMemberForm(form_data(request), by=request.user)
    if submitted(request, form):
        member = staff_member_add(
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            teams=form.cleaned_data["teams"],
            roles=form.cleaned_data["roles"],
            by=request.user,
            site=request.build_absolute_uri("/"),
        )
        messages.success(
            request, f"{member.full_name} has been added and sent a link to set their password"
        )
        return redirect("staff:member", pk=member.pk)
    context = {"form": form, "title": "Add a member of staff"}
    return render(request, "staff/form.html", context)


@login_required
@manages_accounts
@require_GET
def staff_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_member(pk)
    context = {
        "member": member,
        "second_factor": has_second_factor(member),
        "open_people": member.allocated_people.filter(status="open").count(),
        "changes": _changes(request, AccountChange.objects.filter(user=member)),
    }
    return render(request, "staff/member.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def staff_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Changes a member's name, email, teams and roles (someone moving teams, say)."""
    member = get_member(pk)
    form = StaffMemberForm(form_data(request), instance=member, by=request.user)
    if submitted(request, form):
        changes = staff_member_update(
            member=form.instance,
            teams=form.cleaned_data["teams"],
            roles=form.cleaned_data["roles"],
            by=request.user,
        )
        said = f"{member.full_name}'s account has been saved" if changes else "Nothing changed"
        messages.success(request, said)
        return redirect("staff:member", pk=member.pk)
    context = {"form": form, "member": member, "title": f"Change {member.full_name}'s account"}
    return render(request, "staff/form.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def staff_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Closes a leaver's account (never deleted) and signs them out everywhere at once."""
    member = get_member(pk)
    if not member.is_active:
        messages.info(request, f"{member.full_name}'s account is already deactivated")
        return redirect("staff:member", pk=member.pk)
    form = DeactivateForm(form_data(request), member=member, by=request.user)
    if submitted(request, form):
        held = staff_member_deactivate(
            member=member, reason=form.cleaned_data["reason"], by=request.user
        )
        said = f"{member.full_name}'s account has been deactivated and they are signed out"
        if held:
            said += f". Their leads' caseload lists their {held} open people to reallocate"
        messages.success(request, said)
        return redirect("staff:member", pk=member.pk)
    context = {
        "form": form,
        "member": member,
        "open_people": member.allocated_people.filter(status="open").count(),
        "title": f"Deactivate {member.full_name}'s account",
    }
    return render(request, "staff/deactivate.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def staff_reactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = get_member(pk)
    if member.is_active:
        messages.info(request, f"{member.full_name}'s account is already active")
        return redirect("staff:member", pk=member.pk)
    form = ReactivateForm(form_data(request))
    if submitted(request, form):
        staff_member_reactivate(
            member=member,
            send_link=form.cleaned_data["send_link"],
            by=request.user,
            site=request.build_absolute_uri("/"),
        )
        messages.success(request, f"{member.full_name}'s account has been reactivated")
        return redirect("staff:member", pk=member.pk)
    context = {"form": form, "member": member, "title": f"Reactivate {member.full_name}'s account"}
    return render(request, "staff/form.html", context)


@login_required
@governs_information
@require_GET
def powerful_grants(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every grant of the Administrator or Information governance role, newest first."""
    page = _changes(request, AccountChange.objects.powerful_grants())
    return render(request, "staff/powerful_grants.html", {"page": page})


@login_required
@manages_accounts
@require_GET
def team_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(teams_listed(), TEAMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "staff/teams.html", {"page": page})


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def team_add_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TeamForm(form_data(request))
    if submitted(request, form):
        team = team_add(
            team=form.instance,
            deputy_reviewers=form.cleaned_data["deputy_reviewers"],
            by=request.user,
        )
        messages.success(request, f"{team.name} has been added")
        return redirect("staff:team", team=team.pk)
    return render(request, "staff/form.html", {"form": form, "title": "Add a team"})


@login_required
@manages_accounts
@require_GET
def team_detail(request: AuthenticatedHttpRequest, team: int) -> HttpResponse:
    shown = get_team(team)
    members = shown.members.prefetch_related("groups").order_by("-is_active", "full_name")
    context = {
        "team": shown,
        "members": members,
        "deputies": shown.deputy_reviewers.order_by("full_name"),
        "open_people": open_people_of(shown),
        "changes": _changes(request, AccountChange.objects.filter(team=shown)),
    }
    return render(request, "staff/team.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def team_edit(request: AuthenticatedHttpRequest, team: int) -> HttpResponse:
    """Renames a team, or changes its contact details or deputy reviewers."""
    shown = get_team(team)
    form = TeamForm(form_data(request), instance=shown)
    if submitted(request, form):
        deputies = form.cleaned_data["deputy_reviewers"]
        team_update(team=form.instance, deputy_reviewers=deputies, by=request.user)
        messages.success(request, f"{form.instance.name} has been saved")
        return redirect("staff:team", team=shown.pk)
    context = {"form": form, "team": shown, "title": f"Change {shown.name}"}
    return render(request, "staff/form.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def team_close_view(request: AuthenticatedHttpRequest, team: int) -> HttpResponse:
    shown = get_team(team)
    if shown.closed_on:
        messages.info(request, f"{shown.name} is already closed")
        return redirect("staff:team", team=shown.pk)
    form = TeamCloseForm(form_data(request), team=shown)
    if submitted(request, form):
        team_close(team=shown, closed_on=form.cleaned_data["closed_on"], by=request.user)
        messages.success(request, f"{shown.name} has been closed")
        return redirect("staff:team", team=shown.pk)
    context = {
        "form": form,
        "team": shown,
        "open_people": open_people_of(shown),
        "title": f"Close {shown.name}",
    }
    return render(request, "staff/team_close.html", context)


@login_required
@manages_accounts
@require_http_methods(["GET", "POST"])
def team_lead_add(request: AuthenticatedHttpRequest, team: int) -> HttpResponse:
    """Names one of the team's members as a lead: they get the Team lead role."""
    shown = get_team(team)
    form = TeamLeadForm(form_data(request), team=shown, by=request.user)
    if submitted(request, form):
        member = form.cleaned_data["member"]
        team_lead_name(team=shown, member=member, by=request.user)
        messages.success(request, f"{member.full_name} is now a lead of {shown.name}")
        return redirect("staff:team", team=shown.pk)
    context = {"form": form, "team": shown, "title": f"Name a lead of {shown.name}"}
    return render(request, "staff/team_lead.html", context)
