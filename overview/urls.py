from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    path("people/<uuid:code>/", views.person_detail, name="person"),
    path("people/<uuid:code>/changes/", views.person_changes, name="changes"),
]
