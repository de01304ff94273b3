from django.urls import path  # noqa: F401

app_name = "client_level_data"
urlpatterns: list = []
