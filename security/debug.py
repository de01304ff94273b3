import re

from django.views.debug import SafeExceptionReporterFilter


class SecretsHidden(SafeExceptionReporterFilter):
    """Django's own list of secret-looking names, and the addresses of the database and
    other services, which carry their passwords (`postgres://user:password@host/db`)."""

    hidden_settings = re.compile(
        SafeExceptionReporterFilter.hidden_settings.pattern + "|DATABASE|_URL$|URI",
        flags=re.IGNORECASE,
    )
