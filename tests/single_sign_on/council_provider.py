"""The council's identity provider for the tests: a real OpenID Connect provider (panva's
oidc-provider, under provider/) started on loopback, and the settings that point at it."""

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

PROVIDER = Path(__file__).parent / "provider"
CLIENT_ID = "what-matters"
CLIENT_SECRET = "a secret only the tests know"
BACKEND = "single_sign_on.backends.CouncilAccountBackend"
CALLBACK_PATH = "/sign-in/council-account/back/"


@contextmanager
def council_provider(redirect_uris: list[str]) -> Iterator[str]:
    """Starts the provider on a free loopback port for a client that comes back to
    `redirect_uris`; gives its issuer address once it accepts connections."""
    node = shutil.which("node")
    if node is None or not (PROVIDER / "node_modules").is_dir():
        message = (
            "Single sign-on tests skipped: they need Node.js 20 or later and "
            f"`npm ci` in {PROVIDER} (make install does it)."
        )
        if os.environ.get("CI"):
            pytest.fail(message.replace("skipped", "cannot run under CI"))
        pytest.skip(message)
    environment = {
        **os.environ,
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(redirect_uris),
    }
    process = subprocess.Popen(
        [node, "provider.mjs"], cwd=PROVIDER, env=environment, stdout=subprocess.PIPE, text=True
    )
    try:
        # Its first line is printed once it listens; an empty one means it stopped.
        issuer = process.stdout.readline().strip()
        assert issuer.startswith("http://127.0.0.1:"), "the test's OpenID provider did not start"
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def point_at(settings, issuer: str) -> None:
    """The settings config/settings.py makes from OIDC_* variables naming this provider."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]


def signed_in_at_provider(url: str, email: str, issuer: str) -> str:
    """Goes through the provider from `url` as a browser would, signing in on its page as
    `email`; gives the address it sends the browser back to."""
    browser = requests.Session()
    page = browser.get(url, timeout=10)
    action = unescape(re.search(r'<form[^>]* action="([^"]+)"', page.text)[1])
    answer = browser.post(
        urljoin(page.url, action),
        {"prompt": "login", "login": email, "password": "their council password"},
        allow_redirects=False,
        timeout=10,
    )
    return sent_back(browser, answer, issuer)


def sent_back(browser: requests.Session, answer: requests.Response, issuer: str) -> str:
    """Follows the provider's redirects within itself; gives the address out of it."""
    while (location := urljoin(answer.url, answer.headers["Location"])).startswith(issuer):
        answer = browser.get(location, allow_redirects=False, timeout=10)
    return location
