from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from audit.log import record_view
from history.autosave import autosave_refused, autosave_saved, is_autosave
from people.views import get_person_for_user

from .forms import CapacityAssessmentForm, DecisionMakerForm, EndDecisionMakerForm
from .models import CapacityAssessment, DecisionMaker
from .services import (
    capacity_assessment_add,
    capacity_assessment_update,
    decision_maker_add,
    decision_maker_end,
    decision_maker_update,
)

ASSESSMENTS_PER_PAGE = 25


def get_decision_maker_for_user(request: AuthenticatedHttpRequest, code: UUID) -> DecisionMaker:
    """The attorney or deputy with `code` if the signed-in user may see their person; 404
    otherwise. Seeing them is a view of the person's record."""
    holders = DecisionMaker.objects.visible_to(request.user).select_related("person__team")
    holder = get_object_or_404(holders, code=code)
    record_view(request, holder.person)
    return holder


def get_assessment_for_user(request: AuthenticatedHttpRequest, code: UUID) -> CapacityAssessment:
    """The capacity assessment with `code` if the signed-in user may see its person; 404
    otherwise. Seeing it is a view of the person's record."""
    assessments = CapacityAssessment.objects.visible_to(request.user).select_related(
        "person__team", "assessed_by"
    )
    assessment = get_object_or_404(assessments, code=code)
    record_view(request, assessment.person)
    return assessment


@login_required
@require_http_methods(["GET", "POST"])
def holder_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = DecisionMakerForm(form_data(request))
    if submitted(request, form):
        decision_maker_add(holder=form.instance, person=person, by=request.user)
        messages.success(request, "Who may decide for them has been saved")
        return redirect("overview:person", code=person.code)
    context = {"form": form, "person": person, "title": "Add who may decide for them"}
    return render(request, "mental_capacity/decision_maker_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def holder_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    holder = get_decision_maker_for_user(request, code)
    person = holder.person
    form = DecisionMakerForm(form_data(request), instance=holder)
    if submitted(request, form):
        decision_maker_update(holder=form.instance, by=request.user)
        if is_autosave(request):
            return autosave_saved(holder)
        messages.success(request, "Who may decide for them has been saved")
        return redirect("overview:person", code=person.code)
    if is_autosave(request):
        return autosave_refused(form)
    context = {
        "form": form,
        "person": person,
        "title": "Change who may decide for them",
    }
    return render(request, "mental_capacity/decision_maker_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def holder_end(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    holder = get_decision_maker_for_user(request, code)
    person = holder.person
    if not holder.is_current:
        messages.info(request, "They no longer decide for them already")
        return redirect("overview:person", code=person.code)
    form = EndDecisionMakerForm(form_data(request), instance=holder)
    if submitted(request, form):
        decision_maker_end(holder=holder, on=form.cleaned_data["ended_on"], by=request.user)
        messages.success(request, f"{holder.holder_name} no longer decides for them")
        return redirect("overview:person", code=person.code)
    context = {
        "form": form,
        "person": person,
        "holder": holder,
        "title": "End who may decide for them",
    }
    return render(request, "mental_capacity/decision_maker_end.html", context)


@login_required
@require_GET
def assessment_list(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The person's capacity assessments, newest first."""
    person = get_person_for_user(request, code)
    assessments = person.capacity_assessments.select_related("assessed_by")
    page = Paginator(assessments, ASSESSMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "mental_capacity/assessment_list.html", {"person": person, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    form = CapacityAssessmentForm(form_data(request), initial={"assessed_on": timezone.localdate()})
    if submitted(request, form):
        assessment = capacity_assessment_add(
            assessment=form.instance, person=person, by=request.user
        )
        messages.success(request, "The capacity assessment has been saved")
        return redirect("mental_capacity:assessment", code=assessment.code)
    context = {"form": form, "person": person, "title": "Record a capacity assessment"}
    return render(request, "mental_capacity/assessment_form.html", context)


@login_required
@require_GET
def assessment_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    assessment = get_assessment_for_user(request, code)
    context = {"assessment": assessment, "person": assessment.person}
    return render(request, "mental_capacity/assessment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    assessment = get_assessment_for_user(request, code)
    form = CapacityAssessmentForm(form_data(request), instance=assessment)
    if submitted(request, form):
        capacity_assessment_update(assessment=form.instance, by=request.user)
        if is_autosave(request):
            return autosave_saved(assessment)
        messages.success(request, "The capacity assessment has been saved")
        return redirect("mental_capacity:assessment", code=assessment.code)
    if is_autosave(request):
        return autosave_refused(form)
    context = {
        "form": form,
        "person": assessment.person,
        "assessment": assessment,
        "title": "Change the capacity assessment",
    }
    return render(request, "mental_capacity/assessment_form.html", context)
