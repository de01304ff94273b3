from django.urls import path

from . import views

app_name = "own_copy"
urlpatterns = [
    path("people/<uuid:code>/what-matters-to-me/", views.copy, name="copy"),
    path("people/<uuid:code>/what-matters-to-me/pdf/", views.copy_pdf, name="copy_pdf"),
    path("conversations/<uuid:code>/draft-copy/", views.draft, name="draft"),
    path("conversations/<uuid:code>/draft-copy/pdf/", views.draft_pdf, name="draft_pdf"),
]
