"""50 practitioners and team leads using the service at once (run by bench/load.py).

Practitioners open their home page, find people, read a person's page and
their network, work on a draft section (saving it now and then), and search
the directory; team leads also look at their review queue, caseload and
measures. Each simulated user signs in as one of the scale data's staff, with
the password and a code from the authenticator app the scale data gives them.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

from bench.signing_in import SECOND_FACTOR_KEY, codes

PASSWORD = os.environ.get("BENCH_PASSWORD", "scale data password")
SURNAMES = ["smith", "patel", "kelly", "hughes", "khan", "nowak", "wood", "hall"]
WORDS = ["lunch", "choir", "walking", "garden", "carers", "library"]


class Staff(HttpUser):
    abstract = True
    # People read a page and type before the next: a few seconds between requests.
    wait_time = between(2, 6)
    email = ""
    numbers = itertools.count(1)
    staff = 1

    def on_start(self) -> None:
        number = (next(self.numbers) - 1) % self.staff + 1
        page = self.client.get("/sign-in/", name="sign in").text
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found, "The sign-in page has no CSRF token"
        token = found.group(1)
        self.client.post(
            "/sign-in/",
            data={
                "csrfmiddlewaretoken": token,
                "username": self.email.format(number=number),
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/sign-in/"},
            name="sign in",
        )
        self.pass_second_factor()
        home = self.client.get("/", name="home").text
        self.people = re.findall(r'href="/people/([0-9a-f-]{36})/"', home) or []
        self.drafts = re.findall(r'href="/conversations/([0-9a-f-]{36})/tasks/"', home) or []

    def pass_second_factor(self) -> None:
        # The code shown now, or the next if a run a moment ago took this one.
        for code in codes(SECOND_FACTOR_KEY):
            page = self.client.get("/second-factor/check/", name="second factor").text
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            assert found, "The second factor's page has no CSRF token"
            response = self.client.post(
                "/second-factor/check/",
                data={"csrfmiddlewaretoken": found.group(1), "code": code},
                headers={"Referer": f"{self.host}/second-factor/check/"},
                name="second factor",
                allow_redirects=False,
            )
            if response.status_code == 302:
                return

    @task(4)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(3)
    def people_search(self) -> None:
        self.client.get(f"/people/?q={random.choice(SURNAMES)}", name="people search")

    @task(6)
    def person_page(self) -> None:
        if self.people:
            self.client.get(f"/people/{random.choice(self.people)}/", name="person page")

    @task(2)
    def network(self) -> None:
        if self.people:
            self.client.get(f"/people/{random.choice(self.people)}/network/", name="ecomap")

    @task(3)
    def section(self) -> None:
        if not self.drafts:
            return
        url = f"/conversations/{random.choice(self.drafts)}/sections/what-matters/"
        page = self.client.get(url, name="conversation section").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        version = re.search(r'name="version" value="([^"]*)"', page)
        if token and version:
            self.client.post(
                url,
                data={
                    "csrfmiddlewaretoken": token.group(1),
                    "version": version.group(1),
                    "what_matters": f"Getting out more, draft {random.randint(1, 10**6)}",
                },
                headers={"X-Autosave": "1", "Referer": f"{self.host}{url}"},
                name="autosave",
            )

    @task(2)
    def resource_search(self) -> None:
        self.client.get(f"/community/?q={random.choice(WORDS)}", name="resource search")


class Practitioner(Staff):
    weight = 4
    email = "practitioner{number}@scale.example.org"
    numbers = itertools.count(1)
    staff = 400


class TeamLead(Staff):
    weight = 1
    email = "lead{number}@scale.example.org"
    numbers = itertools.count(1)
    staff = 40

    @task(2)
    def review_queue(self) -> None:
        self.client.get("/review/", name="review queue")

    @task(1)
    def caseload(self) -> None:
        self.client.get("/team/caseload/", name="team caseload")

    @task(1)
    def measures(self) -> None:
        self.client.get("/team/measures/", name="service measures")
