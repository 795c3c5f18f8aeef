"""The three journeys of `make loadtest`: a civil servant browses and registers for a meeting,
a researcher schedules a meeting and publishes its report, a coordinator downloads the
closing publication. Accounts and ids come from var/load/accounts.json (tests/load/run.py)."""

import itertools
import json
import os
import re
import threading
from pathlib import Path

from locust import HttpUser, between, task
from locust.exception import StopUser

DATA = json.loads(Path(os.environ["LEERKRING_LOAD_DATA"]).read_text())
PASSWORD = DATA["password"]
_lock = threading.Lock()
_civil = itertools.cycle(DATA["civil_servants"])
_coordinators = itertools.cycle(DATA["coordinators"])
_counter = itertools.count()


def _next(iterator):
    with _lock:
        return next(iterator)


class _Member(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    email = None

    def csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    def log_in(self, email):
        self.client.get("/account/login/", name="/account/login/")
        with self.client.post(
            "/account/login/",
            {"login": email, "password": PASSWORD},
            headers=self.csrf(),
            name="/account/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                # One failure, then this person stops: without a session every members' page
                # would answer 404 and count as failures that say nothing new.
                response.failure(f"login of {email} failed: {response.status_code}")
                raise StopUser()


class CivilServant(_Member):
    weight = 10

    def on_start(self):
        self.log_in(_next(_civil))

    @task(4)
    def browse(self):
        self.client.get("/", name="/")
        self.client.get("/bijeenkomsten/", name="/bijeenkomsten/")
        self.client.get(f"/bijeenkomsten/{DATA['upcoming']}/", name="/bijeenkomsten/[id]/")
        self.client.get("/dilemmas/casussen/?q=buurthuis", name="/dilemmas/casussen/?q=")

    @task(1)
    def register(self):
        self.client.get(f"/bijeenkomsten/{DATA['upcoming']}/", name="/bijeenkomsten/[id]/")
        self.client.post(
            f"/bijeenkomsten/{DATA['upcoming']}/aanmelden/",
            {"diet": "", "accessibility": ""},
            headers=self.csrf(),
            name="/bijeenkomsten/[id]/aanmelden/ (POST)",
        )


class Researcher(_Member):
    weight = 1
    fixed_count = 1

    def on_start(self):
        self.log_in(DATA["researcher"])

    @task
    def publish_a_report(self):
        n = _next(_counter)
        self.client.get("/bijeenkomsten/nieuw/", name="/bijeenkomsten/nieuw/")
        with self.client.post(
            "/bijeenkomsten/nieuw/",
            {
                "kind": "werkgroep",
                "title": f"Belastingtest {n}",
                "starts_at": "2027-03-10T10:00",
                "ends_at": "2027-03-10T12:00",
                "location": "Stadskantoor",
                "capacity": 30,
                "registration_closes_at": "2027-03-09T12:00",
                "reminder_days": 2,
                "programma-TOTAL_FORMS": 0,
                "programma-INITIAL_FORMS": 0,
            },
            headers=self.csrf(),
            name="/bijeenkomsten/nieuw/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            match = re.search(r"/bijeenkomsten/(\d+)/", response.headers.get("Location", ""))
            if not match:
                response.failure(f"no meeting was made ({response.status_code})")
                return
        pk = match[1]
        self.client.post(
            f"/bijeenkomsten/{pk}/verslag/schrijven/",
            {"title": f"Verslag {n}", "authors": "Onderzoeker", "body": "## Dag\n\nTekst. " * 40},
            headers=self.csrf(),
            name="/bijeenkomsten/[id]/verslag/schrijven/ (POST)",
        )
        self.client.post(
            f"/bijeenkomsten/{pk}/verslag/publiceren/",
            {"recipients": "0"},  # the confirmation page's count: nobody registered
            headers=self.csrf(),
            name="/bijeenkomsten/[id]/verslag/publiceren/ (POST)",
        )
        self.client.get(f"/bijeenkomsten/{pk}/verslag/", name="/bijeenkomsten/[id]/verslag/")


class Coordinator(_Member):
    weight = 3

    def on_start(self):
        self.log_in(_next(_coordinators))

    @task
    def download_the_closing_publication(self):
        self.client.get("/publicaties/", name="/publicaties/")
        self.client.get(f"/publicaties/{DATA['closing']}/", name="/publicaties/[slug]/")
        self.client.get(
            f"/publicaties/{DATA['closing']}/download/", name="/publicaties/[slug]/download/"
        )
