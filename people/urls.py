from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.people_list, name="list"),
    path("people/add/", views.person_add, name="add"),
    path("people/<uuid:code>/edit/", views.person_edit, name="edit"),
    path("people/<uuid:code>/allocate/", views.person_allocate, name="allocate"),
    path("people/<uuid:code>/status/", views.person_status, name="status"),
]
