from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Person


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's starting point: the people they work with, if any."""
    my_people = (
        Person.objects.visible_to(request.user)
        .filter(practitioner=request.user, status=Person.Status.OPEN)
        .select_related("team")
    )
    return render(request, "people/home.html", {"my_people": my_people})
