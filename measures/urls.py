from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("team/measures/", views.dashboard, name="dashboard"),
    path("team/measures/<slug:slug>.csv", views.measure_csv, name="csv"),
]
