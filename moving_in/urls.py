from django.urls import path

from . import views

app_name = "moving_in"
urlpatterns = [
    path("moving-in/", views.import_page, name="import"),
    path("moving-in/imports/<uuid:code>/", views.import_report, name="report"),
]
