from django.urls import path

from . import views

app_name = "watching"
urlpatterns = [path("health/", views.health, name="health")]
