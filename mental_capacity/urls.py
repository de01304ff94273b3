from django.urls import path

from . import views

app_name = "mental_capacity"
urlpatterns = [
    path("people/<uuid:code>/who-may-decide/add/", views.holder_add, name="holder_add"),
    path("who-may-decide/<uuid:code>/change/", views.holder_edit, name="holder_edit"),
    path("who-may-decide/<uuid:code>/end/", views.holder_end, name="holder_end"),
    path("people/<uuid:code>/capacity-assessments/", views.assessment_list, name="assessments"),
    path(
        "people/<uuid:code>/capacity-assessments/add/",
        views.assessment_add,
        name="assessment_add",
    ),
    path("capacity-assessments/<uuid:code>/", views.assessment_detail, name="assessment"),
    path(
        "capacity-assessments/<uuid:code>/change/",
        views.assessment_edit,
        name="assessment_edit",
    ),
]
