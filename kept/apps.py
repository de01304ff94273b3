from django.apps import AppConfig


class KeptConfig(AppConfig):
    name = "kept"
    verbose_name = "Kept: figures worked out once and kept a while in the cache every server shares"
