from django.urls import path

from . import views

app_name = "restricted_records"
urlpatterns = [
    path("restricted-records/", views.restricted_list, name="list"),
    path("people/<uuid:code>/restriction/", views.restriction, name="restriction"),
    path("people/<uuid:code>/restriction/lift/", views.lift, name="lift"),
]
