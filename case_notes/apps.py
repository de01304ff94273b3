from django.apps import AppConfig


class CaseNotesConfig(AppConfig):
    name = "case_notes"
    verbose_name = "Notes between conversations, and the chronology"
