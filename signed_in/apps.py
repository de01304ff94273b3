from django.apps import AppConfig


class SignedInConfig(AppConfig):
    name = "signed_in"
    verbose_name = "Signed-in sessions"
