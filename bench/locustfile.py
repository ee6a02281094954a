"""The simulated staff of `make bench-load` (bench/load.py starts the server and runs this file headless).

Each simulated user logs in once through the login form (with its CSRF token), like a member of staff at the
start of the day, and then, with a few seconds' thought between clicks: the start page, the young-people list
(sometimes with a search), a young person's page (an id from their own list), a session of their
municipality's groups with one attendance tap (the htmx POST the phone page sends). Team leads also open the key
figures. Four youth consultants to one team lead; the accounts come from the plan bench/load.py writes
(BENCH_LOAD_PLAN), each shared by a few simulated users, every one with its own session.

The production settings send the session and CSRF cookies as Secure; the server here speaks plain HTTP on
loopback (no TLS proxy in front), so the client returns Secure cookies over HTTP too (_LoopbackCookies).
"""

import itertools
import json
import os
import random
import re
from http.cookiejar import DefaultCookiePolicy

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

PASSWORD = os.environ.get("BENCH_LOAD_PASSWORD", "nextwork-demo")
SEARCHES = ["a", "an", "er", "la", "mo", "sen", "jen", "han"]
ATTENDANCE = ["present", "late", "absent", "absent_notice"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PERSON = re.compile(r'href="/young-people/(\d+)/"')
MEMBER_FORM = re.compile(r'action="(/groups/sessions/\d+/attendance/\d+/)"')


def _plan() -> dict:
    path = os.environ.get("BENCH_LOAD_PLAN", "var/bench/load-plan.json")
    with open(path) as file:
        return json.load(file)


PLAN = _plan()
ACCOUNTS = {role: itertools.cycle(accounts) for role, accounts in PLAN["accounts"].items()}
SESSIONS = PLAN["sessions"]  # municipality slug -> ids of held or planned sessions up to today


class _LoopbackCookies(DefaultCookiePolicy):
    """Returns Secure cookies over plain HTTP: the benchmark talks to gunicorn on 127.0.0.1 directly."""

    def return_ok_secure(self, cookie, request):
        return True


class Staff(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(2, 6)

    def on_start(self):
        self.client.cookiejar.set_policy(_LoopbackCookies())
        account = next(ACCOUNTS[self.role])
        self.username, self.municipality = account["username"], account["municipality"]
        self.people: list[str] = []
        self.login()

    @staticmethod
    def csrf(html: str) -> str:
        match = CSRF.search(html)
        return match.group(1) if match else ""

    def login(self):
        token = self.csrf(self.get("/login/", "login form"))
        with self.client.post("/login/", name="login (POST)", catch_response=True, allow_redirects=False,
                              data={"csrfmiddlewaretoken": token, "username": self.username,
                                    "password": PASSWORD}) as response:
            if response.status_code != 302 or "/login/" in (response.headers.get("Location") or ""):
                response.failure(f"login as {self.username} failed: HTTP {response.status_code}")

    def get(self, url: str, name: str) -> str:
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} ({self.username})")
            return response.text or ""

    @task(3)
    def start_page(self):
        self.get("/", "start page")

    @task(4)
    def young_people_list(self):
        if random.random() < 0.3:
            html = self.get(f"/young-people/?q={random.choice(SEARCHES)}&status=active", "young-people list (search)")
        else:
            html = self.get(f"/young-people/?page={random.randint(1, 3)}", "young-people list")
        found = PERSON.findall(html)
        if found:
            self.people = found

    @task(4)
    def young_person(self):
        if not self.people:
            self.young_people_list()
        if self.people:
            self.get(f"/young-people/{random.choice(self.people)}/", "young person's page")

    @task(2)
    def take_attendance(self):
        sessions = SESSIONS.get(self.municipality)
        if not sessions:
            return
        session = random.choice(sessions)
        html = self.get(f"/groups/sessions/{session}/", "session page")
        actions = MEMBER_FORM.findall(html)
        if not actions:
            return
        with self.client.post(random.choice(actions), name="attendance (POST)", catch_response=True,
                              allow_redirects=False, headers={"HX-Request": "true"},
                              data={"csrfmiddlewaretoken": self.csrf(html),
                                    "status": random.choice(ATTENDANCE)}) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code} ({self.username})")


class YouthConsultant(Staff):
    weight = 4
    role = "youth_consultant"


class TeamLead(Staff):
    weight = 1
    role = "team_lead"

    @task(2)
    def key_figures(self):
        self.get("/key-figures/", "key figures")
