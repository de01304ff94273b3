from django.contrib import admin

from audit.admin import AccessLoggedAdmin

from .models import Person


@admin.register(Person)
class PersonAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    person_field = ""
    list_display = ["family_name", "given_names", "preferred_name", "team", "status"]
    list_filter = ["status", "team"]
    search_fields = ["family_name", "given_names", "preferred_name", "nhs_number", "postcode"]
    readonly_fields = ["code", "created_at", "updated_at"]
    list_select_related = ["team", "practitioner"]
