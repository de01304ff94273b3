from django.apps import AppConfig


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = "Reading: which database a read goes to, the primary or the read replica"
