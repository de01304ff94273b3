from django.apps import AppConfig


class RestrictedRecordsConfig(AppConfig):
    name = "restricted_records"
    verbose_name = "Restricted records: named staff only, openings shown to information governance"
