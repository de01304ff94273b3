from django.urls import path

from . import views

app_name = "emergency_access"
urlpatterns = [
    path("emergency-access/", views.reason, name="reason"),
    path("emergency-access/search/", views.search, name="search"),
    path("emergency-access/open/", views.confirm, name="confirm"),
    path("emergency-access/log/", views.accesses, name="accesses"),
    path("emergency-access/requests/", views.requests, name="requests"),
    path("emergency-access/<int:pk>/decide/", views.decide, name="decide"),
]
