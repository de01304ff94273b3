from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    # What the home page shows the first few of, each in full.
    path("drafts/", views.drafts_to_finish, name="drafts"),
    path("actions-due/", views.actions_due, name="actions_due"),
    path("reviews-due/", views.reviews_due, name="reviews_due"),
    path("people/<uuid:code>/", views.person_detail, name="person"),
    path("people/<uuid:code>/changes/", views.person_changes, name="changes"),
]
