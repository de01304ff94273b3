import re

from django.views.debug import SafeExceptionReporterFilter


class SecretsHidden(SafeExceptionReporterFilter):
    """Django's own list of secret-looking names, and the addresses of the database and
    other services, which carry their passwords (`postgres://user:password@host/db`): Redis's
    address is also the cache's LOCATION and each RQ queue's URL."""

    hidden_settings = re.compile(
        SafeExceptionReporterFilter.hidden_settings.pattern + "|DATABASE|URL$|URI|^LOCATION$",
        flags=re.IGNORECASE,
    )
