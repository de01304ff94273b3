from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("supervision/", views.supervision_home, name="home"),
    path("supervision/practitioners/<int:pk>/", views.practitioner_notes, name="practitioner"),
    path("supervision/practitioners/<int:pk>/add/", views.note_add, name="add"),
    path("supervision/<uuid:code>/", views.note_detail, name="detail"),
]
