from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("community/", views.resource_list, name="list"),
    path("community/add/", views.resource_add, name="add"),
    path("community/review/", views.review_queue, name="review"),
    path("community/open-referral/", views.open_referral, name="open_referral"),
    path("community/open-referral/feed/", views.open_referral_feed, name="open_referral_feed"),
    path(
        "community/open-referral/reports/<uuid:pk>/",
        views.open_referral_report,
        name="open_referral_report",
    ),
    path(
        "community/open-referral/reports/<uuid:pk>/import/",
        views.open_referral_import_checked,
        name="open_referral_import_checked",
    ),
    path(
        "community/open-referral/directory.json",
        views.export,
        {"kind": "json"},
        name="export_json",
    ),
    path("community/open-referral/directory.zip", views.export, {"kind": "zip"}, name="export_zip"),
    path(
        "community/open-referral/export/",
        views.open_referral_export,
        name="open_referral_export",
    ),
    path(
        "community/open-referral/exports/<uuid:pk>/",
        views.open_referral_export_file,
        name="open_referral_export_file",
    ),
    path("community/<uuid:code>/", views.resource_detail, name="detail"),
    path("community/<uuid:code>/edit/", views.resource_edit, name="edit"),
    path("community/<uuid:code>/archive/", views.resource_archive, name="archive"),
    path("community/<uuid:code>/places/", views.places_edit, name="places"),
    path(
        "community/<uuid:code>/places/<int:place>/remove/",
        views.place_remove_view,
        name="place_remove",
    ),
    path(
        "community/<uuid:code>/opening-times/",
        views.opening_times_edit,
        name="opening_times",
    ),
    path(
        "community/<uuid:code>/opening-times/<int:line>/remove/",
        views.opening_time_remove_view,
        name="opening_time_remove",
    ),
    path("community/<uuid:code>/verify/", views.resource_verify, name="verify"),
    path("community/<uuid:code>/feedback/", views.feedback_add, name="feedback"),
    path(
        "community/<uuid:code>/feedback/resolve/",
        views.feedback_resolve_view,
        name="feedback_resolve",
    ),
    path("community/<uuid:code>/connect/", views.connection_add, name="connect"),
    path(
        "community/<uuid:code>/connect/who/",
        views.connection_choose_person,
        name="choose_person",
    ),
    path("connections/<uuid:code>/edit/", views.connection_edit, name="connection_edit"),
]
