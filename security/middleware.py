"""What a browser or a proxy may keep of a page: nothing."""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Every page the app makes (static files are served before this) may show someone's
    data, so none is kept by a browser, a shared computer's back button, or a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
