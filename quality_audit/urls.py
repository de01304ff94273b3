from django.urls import path

from . import views

app_name = "quality_audit"
urlpatterns = [
    path("quality-audit/", views.months, name="months"),
    path("quality-audit/draw/", views.draw, name="draw"),
    path("quality-audit/<int:year>/<int:month>/", views.sample, name="sample"),
    path("quality-audit/records/<uuid:code>/", views.audit, name="audit"),
    path("quality-audit/results/", views.results, name="results"),
    path("quality-audit/results/answers.csv", views.results_csv, name="results_csv"),
    path("quality-audit/results/themes.csv", views.themes_csv, name="themes_csv"),
]
