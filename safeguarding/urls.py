from django.urls import path

from . import views

app_name = "safeguarding"
urlpatterns = [
    path("people/<uuid:code>/safeguarding/", views.concern_list, name="list"),
    path("people/<uuid:code>/safeguarding/add/", views.concern_add, name="add"),
    path("safeguarding/<uuid:code>/", views.concern_detail, name="detail"),
    path("safeguarding/<uuid:code>/change/", views.concern_edit, name="edit"),
    path("safeguarding/<uuid:code>/close/", views.concern_close, name="close"),
]
