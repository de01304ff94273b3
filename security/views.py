import json
import logging

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .logging import without_query_string

logger = logging.getLogger("security.csp")
# A browser's report is a few hundred bytes; anything much bigger is not one.
REPORT_AT_MOST = 16_384
# What each report says that helps to find what was blocked, and nothing else.
REPORTED = ["document-uri", "violated-directive", "effective-directive", "blocked-uri"]


@login_not_required
@csrf_exempt
@require_POST
def csp_report(request: HttpRequest) -> HttpResponse:
    """Logs what the Content Security Policy blocked in someone's browser. Open to anyone
    (a report may come from a page of the sign-in), it stores nothing."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > REPORT_AT_MOST:
        return HttpResponse(status=413)
    try:
        report = json.loads(request.body.decode())["csp-report"]
        fields = {name: str(report.get(name, ""))[:300] for name in REPORTED}
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return HttpResponse(status=400)
    fields["document-uri"] = without_query_string(fields["document-uri"])
    fields["blocked-uri"] = without_query_string(fields["blocked-uri"])
    logger.warning("Content Security Policy blocked %s", json.dumps(fields, sort_keys=True))
    return HttpResponse(status=204)
