from django.apps import AppConfig


class OwnCopyConfig(AppConfig):
    name = "own_copy"
    verbose_name = "The person's own copy"
