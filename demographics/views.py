"""The page of a person's ethnicity, sex, gender and primary support reason: special
category data, shown on its own page only, to those who may see the person."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.requests import AuthenticatedHttpRequest
from accounts.sessions import form_data, submitted
from people.views import get_person_for_user

from .forms import DemographicsForm
from .models import Demographics
from .services import demographics_save

TITLE = "Ethnicity, sex, gender and support reason"


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    answers = Demographics.objects.filter(person=person).select_related("recorded_by").first()
    context = {"person": person, "answers": answers, "title": TITLE}
    return render(request, "demographics/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    answers = Demographics.objects.filter(person=person).first() or Demographics(person=person)
    form = DemographicsForm(form_data(request), instance=answers)
    if submitted(request, form):
        demographics_save(demographics=form.instance, person=person, by=request.user)
        messages.success(request, "Their answers have been saved")
        return redirect("demographics:detail", code=person.code)
    context = {
        "form": form,
        "person": person,
        "title": "Change their ethnicity, sex, gender and support reason",
    }
    return render(request, "demographics/form.html", context)
