from django.apps import AppConfig


class SingleSignOnConfig(AppConfig):
    name = "single_sign_on"
    verbose_name = "Signing in with the council's own account"
