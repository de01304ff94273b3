"""Times the person's own copy of a record with 50 signed-off conversations: its page and
its PDF, standard and large print.

    make bench-copy                 # SQLite, in a new database under bench/results/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/what_matters_copy make bench-copy

Builds the record afresh each run: a person with 50 signed-off conversations (every part
checked with them, two agreed actions each, a correction they asked for in every fifth),
12 people in their network and 8 community connections. Then asks for each page through
Django's test client with production settings: the first PDF in a fresh process on its
own (it loads WeasyPrint, seconds of imports; gunicorn's workers load it as they start,
config/gunicorn.py, so no one waits for it), then BENCH_REQUESTS (10) more of each.
Prints a table, with the PDF's pages and size, and saves it in
bench/results/persons_copy-<db>.txt. The target is a PDF in under 5 seconds.
"""

import datetime
import io
import os
import statistics
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
CONVERSATIONS = 50
TARGET_SECONDS = 5.0
WORDS = (
    "Getting back to the allotment on Thursdays, and seeing Pat for a cup of tea. "
    "I want to keep doing the watering myself, with a stick and someone to walk with. "
)


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        database = RESULTS / "persons_copy.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    from bench.server import production_env

    os.environ.update(production_env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    # In-process there is no collectstatic, so static files keep their plain names.
    plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": plain}}).enable()

    call_command("migrate", verbosity=0)
    person, practitioner = _build()

    from django.test import Client
    from django.urls import reverse
    from pypdf import PdfReader

    client = Client()
    client.force_login(practitioner)
    pages = {
        "the copy (HTML)": reverse("own_copy:copy", args=[person.code]),
        "the copy (PDF)": reverse("own_copy:copy_pdf", args=[person.code]),
        "the copy (PDF, large print)": reverse("own_copy:copy_pdf", args=[person.code])
        + "?print=large",
    }
    rows = []
    started = time.perf_counter()
    first = client.get(pages["the copy (PDF)"])
    rows.append(("the copy (PDF), first in a new process", [time.perf_counter() - started], ""))
    for name, url in pages.items():
        times = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        shape = ""
        if response["Content-Type"] == "application/pdf":
            pdf = PdfReader(io.BytesIO(response.content))
            shape = f"{len(pdf.pages)} pages, {len(response.content) // 1024} KB"
        rows.append((name, times, shape))
    assert first["Content-Type"] == "application/pdf"
    table = _table(rows, connection.vendor)
    print(table)
    (RESULTS / f"persons_copy-{connection.vendor}.txt").write_text(table + "\n")


def _build():
    from accounts.models import Role, Team, User
    from community.models import CommunityResource, Connection
    from conversations.models import Action, Conversation
    from conversations.read_back import PARTS, check_parts
    from networks.models import NetworkMember
    from people.models import Person

    team = Team.objects.create(name="Bench team", phone="01632 960 000")
    practitioner = User.objects.create_user(email="copy-p@example.org", full_name="Priya Shah")
    lead = User.objects.create_user(email="copy-l@example.org", full_name="Tom Okafor")
    for user, role in [(practitioner, Role.PRACTITIONER), (lead, Role.TEAM_LEAD)]:
        user.teams.add(team)
        user.add_role(role)
    person = Person.objects.create(
        given_names="Margaret",
        family_name="Doyle",
        preferred_name="Maggie",
        date_of_birth=datetime.date(1941, 3, 12),
        team=team,
        practitioner=practitioner,
    )
    for number in range(12):
        NetworkMember.objects.create(
            person=person,
            name=f"Friend {number} Hughes",
            relationship="friend",
            closeness="strong",
            gives_person="Walks with me" if number % 2 else "",
            person_gives="Seedlings" if number % 3 else "",
            created_by=practitioner,
        )
    for number in range(8):
        resource = CommunityResource.objects.create(name=f"Group {number}")
        Connection.objects.create(person=person, resource=resource, created_by=practitioner)
    fields = [part.name for part in PARTS if part.name != "actions"]
    for number in range(CONVERSATIONS):
        conversation = Conversation.objects.create(
            person=person,
            practitioner=practitioner,
            date=datetime.date(2022, 1, 1) + datetime.timedelta(days=20 * number),
            method="home_visit",
            outcome="same_stage",
            next_date=datetime.date(2026, 12, 1),
            shared="yes",
            shared_how="in_person",
            shared_on=datetime.date(2022, 1, 2) + datetime.timedelta(days=20 * number),
            agreement="with_comments",
            persons_comments=WORDS,
            **dict.fromkeys(fields, WORDS),
        )
        for action in range(2):
            Action.objects.create(
                conversation=conversation,
                what=f"Ask the allotment society about a raised bed ({action})",
                who=Action.Who.PERSON,
                due=datetime.date(2026, 12, 1),
            )
        check_parts(conversation, [part.name for part in PARTS])
        conversation.save()
        conversation.submit(by=practitioner)
        conversation.sign_off(by=lead)
        if number % 5 == 0:
            conversation.add_addendum(text=WORDS, by=practitioner, asked_by_person=True)
    return person, practitioner


def _table(rows, vendor: str) -> str:
    lines = [
        f"The person's own copy of a record with {CONVERSATIONS} signed-off conversations "
        f"({vendor}); target: a PDF in under {TARGET_SECONDS:.0f} s",
        "",
        f"{'page':<42} {'n':>3} {'median s':>9} {'max s':>7}  made",
    ]
    for name, times, shape in rows:
        lines.append(
            f"{name:<42} {len(times):>3} {statistics.median(times):>9.2f} {max(times):>7.2f}  "
            f"{shape}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
