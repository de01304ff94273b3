from django.apps import AppConfig


class ClientLevelDataConfig(AppConfig):
    name = "client_level_data"
    verbose_name = "The quarterly Client Level Data return"
