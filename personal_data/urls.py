from django.urls import path

from . import views

app_name = "personal_data"
urlpatterns = [
    path("audit/", views.audit_search, name="search"),
    path("retention/", views.retention, name="retention"),
    path("people/<uuid:code>/legal-hold/", views.legal_hold, name="legal_hold"),
    path("people/<uuid:code>/legal-hold/lift/", views.legal_hold_lift_view, name="legal_hold_lift"),
    path("people/<uuid:code>/access-log/", views.access_log, name="access_log"),
    path(
        "people/<uuid:code>/subject-access/request/",
        views.subject_access_request,
        name="subject_access_request",
    ),
    path("people/<uuid:code>/subject-access/", views.subject_access, name="subject_access"),
    path(
        "people/<uuid:code>/subject-access.json",
        views.subject_access_json,
        name="subject_access_json",
    ),
    # A job's result: the job says whose export it is.
    path(
        "subject-access/exports/<uuid:pk>/",
        views.subject_access_download,
        name="subject_access_download",
    ),
]
