from django.apps import AppConfig


class SignedInConfig(AppConfig):
    name = "signed_in"
    verbose_name = "Signed-in sessions"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
