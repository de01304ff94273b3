from django.urls import path

from . import views

app_name = "open_referral_api"
urlpatterns = [
    path("api/open-referral/", views.about, name="about"),
    path("api/open-referral/openapi.json", views.openapi, name="openapi"),
    path("api/open-referral/services", views.services, name="services"),
    path("api/open-referral/services/<str:id>", views.service, name="service"),
    path(
        "api/open-referral/service_at_locations",
        views.services_at_locations,
        name="service_at_locations",
    ),
    path(
        "api/open-referral/service_at_locations/<str:id>",
        views.service_at_location,
        name="service_at_location",
    ),
    path("api/open-referral/taxonomies", views.taxonomies, name="taxonomies"),
    path("api/open-referral/taxonomies/<str:id>", views.taxonomy, name="taxonomy"),
    path("api/open-referral/taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("api/open-referral/taxonomy_terms/<str:id>", views.taxonomy_term, name="taxonomy_term"),
]
