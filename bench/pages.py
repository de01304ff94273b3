"""Times the key pages under gunicorn against the scale data; prints a table and saves it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/what_matters_scale make bench

Each page is asked for at least 50 times, cycling through different records,
after a few requests to warm up. The queries each page runs are counted once,
in-process, with Django's test client. The bare page is the accessibility
statement: a signed-in page in the service's layout that reads nothing else,
measured in the same run.
"""

import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.server import WORKERS, gunicorn, production_env
from bench.signing_in import SECOND_FACTOR_KEY, codes

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
RESULTS = Path(__file__).parent / "results"
PASSWORD = os.environ.get("BENCH_PASSWORD", "scale data password")
# The p95 each page must stay under, in ms.
TARGETS = {
    "person page": 100,
    "conversation section": 100,
    "people search": 150,
    "resource search": 150,
    "service measures": 500,
    "measures, worked out": 500,
    "Open Referral API": 100,
}
# How many times the bare page's median each page's median may be (issue 20's targets).
RATIOS = {
    "practitioner home": 3,
    "team caseload": 5,
    "measures, worked out": 10,
    "people search": 4,
    "resource search": 4,
    "person page": 3,
    "ecomap": 3,
    "conversation section": 3,
}
KEY_PAGES_RATIO = 3
BARE_MEDIAN_MS = 10
FIRST_BYTE_MS = 1000
# Timed apart from the key pages: the measures worked out afresh, and the whole directory's
# download and its first byte.
TIMED_APART = {
    "measures, worked out",
    "Open Referral export",
    "Open Referral, 1st byte",
    "Open Referral API",
}


@dataclass
class Page:
    name: str
    role: str
    urls: list[str]
    # Timed to its first byte rather than its last: a streamed download.
    first_byte: bool = False


def pages() -> list[Page]:
    """The key pages, each with the records to cycle through, chosen from the scale data."""
    from accounts.models import User
    from people.models import Person

    practitioner = User.objects.get(email="practitioner1@scale.example.org")
    people = list(
        Person.objects.filter(practitioner=practitioner, status="open").order_by("pk")[:REQUESTS]
    )
    drafts = drafts_of(practitioner, people)
    surnames = ["smith", "patel", "kelly", "hughes", "khan", "nowak", "wood", "hall"]
    return [
        Page("bare signed-in page", "practitioner", ["/accessibility/"]),
        Page("practitioner home", "practitioner", ["/"]),
        Page("people search", "practitioner", [f"/people/?q={name}" for name in surnames]),
        Page("person page", "practitioner", [f"/people/{p.code}/" for p in people]),
        Page("ecomap", "practitioner", [f"/people/{p.code}/network/" for p in people]),
        Page(
            "conversation section",
            "practitioner",
            [f"/conversations/{c.code}/sections/what-matters/" for c in drafts],
        ),
        Page("review queue", "lead", ["/review/"]),
        Page("team caseload", "lead", ["/team/caseload/"]),
        Page("service measures", "lead", ["/team/measures/"]),
        # Each request a different period, so none is answered from the cache.
        Page(
            "measures, worked out",
            "lead",
            [_period(days) for days in range(3 * WORKERS + REQUESTS)],
        ),
        Page(
            "resource search",
            "practitioner",
            [f"/community/?q={word}" for word in ["lunch", "choir", "walking", "garden", "carers"]],
        ),
        # The public API's /services, as another directory reads it: pages and searches.
        Page(
            "Open Referral API",
            "practitioner",
            [
                "/api/open-referral/services",
                "/api/open-referral/services?page=5",
                "/api/open-referral/services?search=lunch",
                "/api/open-referral/services?per_page=200",
            ],
        ),
        Page("Open Referral export", "admin", ["/community/open-referral/directory.json"]),
        Page(
            "Open Referral, 1st byte",
            "admin",
            ["/community/open-referral/directory.json"],
            first_byte=True,
        ),
    ]


def _period(days_earlier: int) -> str:
    import datetime

    end = datetime.date.today()
    start = end - datetime.timedelta(days=364 + days_earlier)
    return f"/team/measures/?start_0={start.day}&start_1={start.month}&start_2={start.year}"


def drafts_of(practitioner, people) -> list:
    """Draft conversations to open a section of: the scale data has few, so add some."""
    from conversations.models import Conversation

    drafts = list(Conversation.objects.filter(practitioner=practitioner, status="draft")[:REQUESTS])
    for person in people[len(drafts) :]:
        drafts.append(
            Conversation.objects.create(
                person=person, practitioner=practitioner, what_matters="A benchmark draft"
            )
        )
    return drafts


def sign_in(base: str, email: str) -> requests.Session:
    """A session signed in with the password, then a code from the scale data's authenticator
    app; a code already used (a run a moment ago) is refused, so the next one is tried."""
    session = requests.Session()
    response = _post_form(session, f"{base}/sign-in/", {"username": email, "password": PASSWORD})
    if response.status_code != 302:
        sys.exit(f"Could not sign in as {email}: run generate_scale_data first")
    for code in codes(SECOND_FACTOR_KEY):
        response = _post_form(session, f"{base}/second-factor/check/", {"code": code})
        if response.status_code == 302:
            return session
    sys.exit(
        f"{email} could not pass the second factor: the scale data's key is {SECOND_FACTOR_KEY}"
    )


def _post_form(session: requests.Session, url: str, data: dict[str, str]) -> requests.Response:
    page = session.get(url).text
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, f"{url} has no CSRF token"
    return session.post(
        url,
        data={"csrfmiddlewaretoken": found.group(1), **data},
        headers={"Referer": url},
        allow_redirects=False,
    )


def timings(session: requests.Session, base: str, page: Page) -> list[float]:
    # Warm every worker up first: each compiles templates and opens its connection once.
    for number in range(3 * WORKERS):
        session.get(base + page.urls[number % len(page.urls)])
    times = []
    count = max(REQUESTS, len(page.urls))
    for number in range(count):
        url = base + page.urls[number % len(page.urls)]
        started = time.perf_counter()
        # Not followed: a redirect (to the second factor, say) is not the page.
        response = session.get(url, allow_redirects=False, stream=True)
        for _ in response.iter_content(64 * 1024):
            if page.first_byte:
                break
        times.append((time.perf_counter() - started) * 1000)
        response.close()
        if response.status_code != 200:
            sys.exit(f"{page.name}: {url} answered {response.status_code}")
    return times


def query_counts(roles: dict[str, str], page: Page) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    user = User.objects.get(email=roles[page.role])
    client = Client()
    client.force_login(user)
    # Passed the second factor with the scale data's authenticator app, as a signed-in user has.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    client.get(page.urls[0])
    with CaptureQueriesContext(connection) as queries:
        # A streamed page runs its queries as it is read.
        client.get(page.urls[0]).getvalue()
    return len(queries)


def _met(met: bool) -> str:
    return "met" if met else "MISSED"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    os.environ.update(production_env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    roles = {
        "practitioner": "practitioner1@scale.example.org",
        "lead": "lead1@scale.example.org",
        "admin": "admin@scale.example.org",
    }
    chosen = pages()
    rows = []
    with gunicorn() as base:
        counts = {page.name: query_counts(roles, page) for page in chosen}
        connection.close()
        sessions = {role: sign_in(base, email) for role, email in roles.items()}
        for page in chosen:
            times = timings(sessions[page.role], base, page)
            rows.append((page.name, statistics.median(times), percentile(times, 0.95), len(times)))
    bare = rows[0][1]
    lines = [
        f"Key pages under gunicorn ({WORKERS} workers) on "
        f"{time.strftime('%Y-%m-%d %H:%M')}; times in milliseconds",
        f"{'page':<24}{'median':>8}{'p95':>8}{'n':>5}{'queries':>9}{'× bare':>8}  targets",
    ]
    for name, median, p95, n in rows:
        verdicts = []
        if target := TARGETS.get(name):
            verdicts.append(f"p95 < {target}: {_met(p95 < target)}")
        if allowed := RATIOS.get(name):
            verdicts.append(f"≤ {allowed}×: {_met(median <= allowed * bare)}")
        if name == "bare signed-in page":
            verdicts.append(f"median < {BARE_MEDIAN_MS} ms: {_met(median < BARE_MEDIAN_MS)}")
        if name == "Open Referral, 1st byte":
            verdicts.append(f"median < {FIRST_BYTE_MS} ms: {_met(median < FIRST_BYTE_MS)}")
        figures = f"{median:>8.1f}{p95:>8.1f}{n:>5}{counts[name]:>9}{median / bare:>8.1f}"
        lines.append(f"{name:<24}{figures}  {'; '.join(verdicts)}")
    key = [median for name, median, *_ in rows[1:] if name not in TIMED_APART]
    within = statistics.median(key) / bare
    lines.append(
        f"Median of the key pages' medians within {KEY_PAGES_RATIO}× the bare page: "
        f"{_met(within <= KEY_PAGES_RATIO)} ({within:.1f}×; the slowest page "
        f"{max(key) / bare:.1f}×)"
    )
    table = "\n".join(lines)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pages.txt").write_text(table + "\n")


if __name__ == "__main__":
    main()
