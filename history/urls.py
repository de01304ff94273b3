from django.urls import path

from . import views

app_name = "history"
urlpatterns = [
    path("people/<uuid:code>/changes/", views.person_changes, name="person_changes"),
]
