from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "What browsers, logs and error pages may keep"
