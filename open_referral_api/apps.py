from django.apps import AppConfig


class OpenReferralApiConfig(AppConfig):
    name = "open_referral_api"
    verbose_name = "The public Open Referral UK API"
