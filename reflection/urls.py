from django.urls import path

from . import views

app_name = "reflection"
urlpatterns = [
    path("reflective-notes/", views.note_list, name="list"),
    path("reflective-notes/add/", views.note_add, name="add"),
    path("reflective-notes/<uuid:code>/", views.note_detail, name="detail"),
    path("reflective-notes/<uuid:code>/change/", views.note_edit, name="edit"),
    path("reflective-notes/<uuid:code>/share/", views.note_share, name="share"),
]
