from django.urls import path

from . import views

app_name = "caseload"
urlpatterns = [path("team/caseload/", views.team_caseload, name="caseload")]
