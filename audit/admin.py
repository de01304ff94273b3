from django.contrib import admin

from .models import RecordView


@admin.register(RecordView)
class RecordViewAdmin(admin.ModelAdmin):
    """Read only: the access log is never added to, changed or deleted by hand."""

    list_display = ["at", "user", "person", "page"]
    list_filter = ["page"]
    search_fields = ["user__email", "person__family_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
