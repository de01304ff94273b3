from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("staff/", views.staff_list, name="list"),
    path("staff/add/", views.staff_add, name="add"),
    path("staff/<int:pk>/", views.staff_member, name="member"),
    path("staff/<int:pk>/change/", views.staff_edit, name="edit"),
    path("staff/<int:pk>/deactivate/", views.staff_deactivate, name="deactivate"),
    path("staff/<int:pk>/reactivate/", views.staff_reactivate, name="reactivate"),
    path("staff/grants-of-powerful-roles/", views.powerful_grants, name="powerful_grants"),
    path("teams/", views.team_list, name="teams"),
    path("teams/add/", views.team_add_view, name="team_add"),
    path("teams/<int:team>/", views.team_detail, name="team"),
    path("teams/<int:team>/change/", views.team_edit, name="team_edit"),
    path("teams/<int:team>/close/", views.team_close_view, name="team_close"),
    path("teams/<int:team>/leads/add/", views.team_lead_add, name="team_lead_add"),
]
