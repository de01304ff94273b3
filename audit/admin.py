from typing import TYPE_CHECKING, Any

from django.contrib import admin

from .log import record_view, record_views
from .models import RecordView

# The mixin is only ever mixed into a ModelAdmin, so the type checker is told it is one; at run
# time it stays a plain class, so that ModelAdmin comes after it in the bases.
if TYPE_CHECKING:
    ModelAdminMixin = admin.ModelAdmin[Any]
else:
    ModelAdminMixin = object


class AccessLoggedAdmin(ModelAdminMixin):
    """Mix into the admin of a model about people, before ModelAdmin: its list and its
    pages of one record log whom they show, as every other page does."""

    person_field = "person"  # "" when the model is the person

    def _person_of(self, obj):
        return getattr(obj, self.person_field) if self.person_field else obj

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        listed = getattr(response, "context_data", None) or {}
        if "cl" in listed:
            search = "admin search" if listed["cl"].query else ""
            shown = [self._person_of(obj) for obj in listed["cl"].result_list]
            record_views(request, shown, search=search)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_one(request, response)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log_one(request, response)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        self._log_one(request, response)
        return response

    def _log_one(self, request, response) -> None:
        context = getattr(response, "context_data", None) or {}
        shown = context.get("original") or context.get("object")
        if shown is not None:
            record_view(request, self._person_of(shown))


@admin.register(RecordView)
class RecordViewAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    """Read only: the access log is never added to, changed or deleted by hand."""

    list_display = ["at", "user", "person", "page", "search", "reason", "address"]
    list_filter = ["page"]
    search_fields = ["user__email", "person__family_name"]
    date_hierarchy = "at"
    list_select_related = ["user", "person"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
