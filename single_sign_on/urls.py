from django.urls import path

from . import views

app_name = "single_sign_on"
urlpatterns = [
    path("sign-in/council-account/", views.start, name="start"),
    path("sign-in/council-account/back/", views.callback, name="callback"),
]
