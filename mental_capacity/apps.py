from django.apps import AppConfig


class MentalCapacityConfig(AppConfig):
    name = "mental_capacity"
    verbose_name = "Mental capacity, and who may decide for the person"
