from django.apps import AppConfig


class EmergencyAccessConfig(AppConfig):
    name = "emergency_access"
    verbose_name = "Emergency access with a reason"
