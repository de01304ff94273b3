from django.urls import path

from . import views

app_name = "own_copy"
urlpatterns = [
    path("people/<uuid:code>/what-matters-to-me/", views.copy, name="copy"),
    path("people/<uuid:code>/what-matters-to-me/pdf/", views.copy_pdf, name="copy_pdf"),
    path("conversations/<uuid:code>/draft-copy/", views.draft, name="draft"),
    path("conversations/<uuid:code>/draft-copy/pdf/", views.draft_pdf, name="draft_pdf"),
    # Letters about the council's decisions: the eligibility decision, and the plan.
    path(
        "conversations/<uuid:code>/decision-letter/",
        views.letter,
        {"kind": "decision"},
        name="decision_letter",
    ),
    path(
        "conversations/<uuid:code>/decision-letter/pdf/",
        views.letter_pdf,
        {"kind": "decision"},
        name="decision_letter_pdf",
    ),
    path(
        "conversations/<uuid:code>/plan-letter/", views.letter, {"kind": "plan"}, name="plan_letter"
    ),
    path(
        "conversations/<uuid:code>/plan-letter/pdf/",
        views.letter_pdf,
        {"kind": "plan"},
        name="plan_letter_pdf",
    ),
]
