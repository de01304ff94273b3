from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("people/<uuid:code>/conversations/new/", views.conversation_start, name="start"),
    path("conversations/<uuid:code>/", views.conversation_detail, name="detail"),
    path("conversations/<uuid:code>/review/", views.conversation_review, name="review"),
    path("review/", views.review_queue, name="review_queue"),
    path("conversations/<uuid:code>/tasks/", views.conversation_tasks, name="tasks"),
    path(
        "conversations/<uuid:code>/sections/<slug:slug>/",
        views.conversation_section,
        name="section",
    ),
    path("conversations/<uuid:code>/check/", views.conversation_check, name="check"),
    path("conversations/<uuid:code>/addenda/", views.addendum_add, name="addendum_add"),
    path("actions/<uuid:code>/done/", views.action_done, name="action_done"),
    # Who came to a network meeting: the section is conversations:section "network-meeting".
    path("conversations/<uuid:code>/network-meeting/", views.attendees, name="attendees"),
    path(
        "conversations/<uuid:code>/network-meeting/find/",
        views.attendee_search,
        name="attendee_search",
    ),
    path("conversations/<uuid:code>/network-meeting/add/", views.attendee_add, name="attendee_add"),
    # The network inside the Relationships section: what was said of a tie, and someone new.
    path(
        "conversations/<uuid:code>/relationships/<uuid:member>/",
        views.tie_talked_about,
        name="tie_talked_about",
    ),
    path("conversations/<uuid:code>/relationships/add/", views.tie_new, name="tie_new"),
    # The community inside the Community section: a connection to a resource, made or changed.
    path(
        "conversations/<uuid:code>/community/<uuid:resource>/",
        views.connection_talked_about,
        name="connection_talked_about",
    ),
]
