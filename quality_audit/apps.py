from django.apps import AppConfig


class QualityAuditConfig(AppConfig):
    name = "quality_audit"
    verbose_name = "The principal social worker's quality audit of signed-off records"
