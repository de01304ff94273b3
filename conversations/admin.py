from django.contrib import admin

from audit.admin import AccessLoggedAdmin

from .models import Action, Addendum, Conversation


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0


class AddendumInline(admin.TabularInline):
    model = Addendum
    extra = 0
    readonly_fields = ["text", "author", "created_at"]
    can_delete = False


@admin.register(Conversation)
class ConversationAdmin(AccessLoggedAdmin, admin.ModelAdmin):
    list_display = ["person", "date", "stage", "status", "practitioner"]
    list_filter = ["status", "stage"]
    readonly_fields = ["code", "created_at", "updated_at"]
    inlines = [ActionInline, AddendumInline]
    list_select_related = ["person", "practitioner"]

    def has_change_permission(self, request, obj=None) -> bool:
        # A signed-off record is never edited, not even here.
        return super().has_change_permission(request, obj) and not (obj and obj.is_signed_off)
