from django.apps import AppConfig


class SecondFactorConfig(AppConfig):
    name = "second_factor"
    verbose_name = "A second factor at sign-in"

    def ready(self) -> None:
        from django.contrib import admin
        from django_otp.admin import OTPAdminSite

        # The Django admin lets in only a session that has passed a second factor.
        admin.site.__class__ = OTPAdminSite
