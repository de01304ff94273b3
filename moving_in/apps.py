from django.apps import AppConfig


class MovingInConfig(AppConfig):
    name = "moving_in"
    verbose_name = (
        "Moving in from the council's current system: people, key dates and networks from CSV"
    )
