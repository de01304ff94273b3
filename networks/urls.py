from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("people/<uuid:code>/network/", views.network, name="network"),
    path("people/<uuid:code>/network/add/", views.member_add, name="member_add"),
    path("people/<uuid:code>/network/compare/", views.compare, name="compare"),
    path("people/<uuid:code>/network/ended/", views.ended, name="ended"),
    path("people/<uuid:code>/network/notes/", views.notes, name="notes"),
    path("network/<uuid:code>/edit/", views.member_edit, name="member_edit"),
    path("network/<uuid:code>/end/", views.member_end, name="member_end"),
    path(
        "network/<uuid:code>/carers-conversation/",
        views.member_carer_offer,
        name="member_carer_offer",
    ),
    path("network/<uuid:code>/notes/add/", views.note_add, name="note_add"),
    path(
        "connections/<uuid:code>/notes/add/",
        views.connection_note_add,
        name="connection_note_add",
    ),
]
