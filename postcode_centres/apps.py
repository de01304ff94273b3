from django.apps import AppConfig


class PostcodeCentresConfig(AppConfig):
    name = "postcode_centres"
    verbose_name = "The centre point of each postcode, loaded by the council, for distances"
