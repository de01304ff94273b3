from django.urls import path

from . import views

app_name = "client_level_data"
urlpatterns = [
    path("client-level-data/", views.return_page, name="return"),
    path("client-level-data/download/", views.download, name="download"),
]
