from django.apps import AppConfig


class DemographicsConfig(AppConfig):
    name = "demographics"
    verbose_name = (
        "What the returns need to know of the person: ethnicity, sex, gender, primary support "
        "reason"
    )
