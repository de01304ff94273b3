from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Team, User


class TeamAdminForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "phone", "email", "deputy_reviewers"]

    def clean_deputy_reviewers(self):
        deputies = self.cleaned_data["deputy_reviewers"]
        if self.instance.pk and deputies.filter(teams=self.instance).exists():
            raise forms.ValidationError(
                "A deputy reviewer comes from another team: this team's own leads review already"
            )
        return deputies


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    form = TeamAdminForm
    search_fields = ["name"]
    filter_horizontal = ["deputy_reviewers"]


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
