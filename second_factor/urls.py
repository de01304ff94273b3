from django.urls import path

from . import views

app_name = "second_factor"
urlpatterns = [
    path("second-factor/", views.devices, name="devices"),
    path("second-factor/set-up/", views.enrol, name="enrol"),
    path("second-factor/check/", views.verify, name="verify"),
    path("second-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("second-factor/remove/", views.remove, name="remove"),
]
