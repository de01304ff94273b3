"""Reading another directory's Open Referral UK API (a feed): only from the hosts settings
allow, following its pages of /services and reading each service whole from /services/{id}.

Every answer is bounded in size and time, redirects are not followed (they could lead off
the allowed hosts), and what is read goes through the import like any file: checked first,
then all of it saved, or none.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import IO
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PER_PAGE = 100
MOST_PAGES = 2_000
MOST_BYTES = 200 * 1024 * 1024  # in all, as the import's upload
TIMEOUT_SECONDS = 30


class FeedError(Exception):
    """Why a feed could not be read, in words for the report."""


def feed_address_problem(url: str) -> str:
    """What is wrong with `url` as a feed's address, or nothing."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        return "Enter the address of the directory's API, like https://directory.example.org/api"
    if host in LOOPBACK:
        if not settings.OPEN_REFERRAL_FEED_ALLOW_LOOPBACK:
            return "This server's own addresses cannot be read as a feed"
        return ""
    if host not in {allowed.lower() for allowed in settings.OPEN_REFERRAL_FEED_HOSTS}:
        return (
            f"{host} is not one of the directories the council allows feeds from. Ask whoever "
            "runs the service to add it to OPEN_REFERRAL_FEED_HOSTS"
        )
    if parts.scheme != "https":
        return "Enter an address that starts with https://"
    return ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is then an error, not followed


class _Reader:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(_NoRedirects)
        self.read_bytes = 0

    def get(self, path: str) -> dict:
        url = f"{self.base}{path}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                body = response.read(MOST_BYTES - self.read_bytes + 1)
        except urllib.error.HTTPError as error:
            raise FeedError(f"{url} answered {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise FeedError(f"{url} could not be read: {error}") from error
        self.read_bytes += len(body)
        if self.read_bytes > MOST_BYTES:
            raise FeedError("The feed is bigger than 200 MB in all")
        try:
            data = json.loads(body)
        except ValueError as error:
            raise FeedError(f"{url} did not answer with JSON") from error
        if not isinstance(data, dict):
            raise FeedError(f"{url} did not answer with a JSON object")
        return data


def feed_read(base: str, progress: Callable[[str], None], into: IO[bytes]) -> None:
    """Writes every service of the feed at `base`, whole, to `into` as one JSON page for the
    import: a service at a time, so that memory does not grow with the feed."""
    if problem := feed_address_problem(base):
        raise FeedError(problem)
    reader = _Reader(base)
    ids: list[str] = []
    page = 1
    while page <= MOST_PAGES:
        listed = reader.get(f"/services?{urlencode({'page': page, 'per_page': PER_PAGE})}")
        contents = listed.get("contents")
        if not isinstance(contents, list):
            raise FeedError(f"Page {page} of /services has no list of contents")
        ids += [
            str(service["id"])
            for service in contents
            if isinstance(service, dict) and service.get("id")
        ]
        progress(f"Listed {len(ids)} services")
        # The last page says so; a feed that does not say is followed as far as its count.
        pages = listed.get("total_pages")
        last = listed.get("last_page") or not isinstance(pages, int) or page >= pages
        if last or not contents:
            break
        page += 1
    unique = list(dict.fromkeys(ids))
    into.write(b'{"contents": [')
    for number, identifier in enumerate(unique, start=1):
        service = reader.get(f"/services/{quote(identifier, safe='')}")
        into.write(b"," * (number > 1) + json.dumps(service).encode())
        if number % 50 == 0 or number == len(unique):
            progress(f"Read {number} of {len(unique)} services")
    into.write(b"]}")
