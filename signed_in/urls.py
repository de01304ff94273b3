from django.urls import path

from . import views

app_name = "signed_in"
urlpatterns = [
    path("signed-in/", views.session_list, name="list"),
    path("signed-in/<uuid:code>/end/", views.end, name="end"),
    path("signed-in/end-others/", views.end_others, name="end_others"),
    path("signed-in/staff/<int:pk>/", views.for_user, name="for_user"),
    path("signed-in/staff/<int:pk>/end-all/", views.end_all_for_user, name="end_all_for_user"),
]
