"""The address a request came from, as the access log and sign-in protection record it.

Behind PROXY_COUNT load balancers the client's address is in X-Forwarded-For;
django-ipware reads it. Each proxy adds the address it was reached from, and
the last proxy's own address is the connection's, so the header holds
PROXY_COUNT - 1 proxies after the client. A header that does not hold exactly
that (a client adding addresses of its own) is not believed: the connection's
address is recorded instead, so nobody can pass for somebody else.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    if settings.PROXY_COUNT:
        address, _ = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=settings.PROXY_COUNT - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        )
        if address:
            return address
    try:  # a server on a Unix socket may give none, or a path
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None
