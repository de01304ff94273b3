from django.urls import path  # noqa: F401

app_name = "moving_in"
urlpatterns: list = []
