from django.urls import path

from . import views

app_name = "demographics"
urlpatterns = [
    path("people/<uuid:code>/for-returns/", views.detail, name="detail"),
    path("people/<uuid:code>/for-returns/change/", views.edit, name="edit"),
]
