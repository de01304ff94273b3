from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("audit/", views.audit_search, name="search"),
    path("people/<uuid:code>/access-log/", views.access_log, name="access_log"),
]
