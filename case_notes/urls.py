from django.urls import path

from . import views

app_name = "case_notes"
urlpatterns = [
    path("people/<uuid:code>/notes/", views.note_list, name="list"),
    path("people/<uuid:code>/notes/add/", views.note_add, name="add"),
    path("people/<uuid:code>/chronology/", views.chronology, name="chronology"),
    path("case-notes/<uuid:code>/", views.note_detail, name="detail"),
    path("case-notes/<uuid:code>/change/", views.note_edit, name="edit"),
]
