from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_active"]
    list_filter = ["groups", "teams", "is_active"]
    search_fields = ["full_name", "email"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Roles and teams", {"fields": ["groups", "teams", "is_active"]}),
        ("Django admin", {"fields": ["is_staff", "is_superuser", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "full_name", "password1", "password2"]}),
    ]
