"""Locust users of the load run (started by ``benchmarks/load.py``; see README「负载测试」).

Three kinds of users log in with the demo accounts and mix page views with writes:
staff issue 催办 on items in handling, unit handlers post 办理进展, deputies save draft suggestions.
Every write that the server confirms (a redirect to the item) is counted; ``load.py`` compares the counts
with the rows in the database afterwards.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading
from collections import Counter

from locust import HttpUser, between, events, task

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
CONFIRMED: Counter = Counter()
_lock = threading.Lock()
_next = {kind: itertools.cycle(PLAN[kind]) for kind in ("staff", "units", "deputies")}
TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def confirmed(kind: str) -> None:
    with _lock:
        CONFIRMED[kind] += 1


@events.request.add_listener
def _count_server_errors(response=None, **_):
    if response is not None and getattr(response, "status_code", 0) >= 500:
        confirmed("server_errors")


@events.quitting.add_listener
def _write_counts(environment, **_):
    with open(os.environ["LOAD_RESULT"], "w", encoding="utf-8") as out:
        json.dump(dict(CONFIRMED), out)


class PlatformUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    kind = ""

    def on_start(self):
        with _lock:
            self.account = next(_next[self.kind])
        page = self.client.get("/login/", name="/login/")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/login/",
            {"username": self.account["username"], "password": PLAN["password"], "csrfmiddlewaretoken": token},
            allow_redirects=False,
            catch_response=True,
            name="POST /login/",
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.account['username']} failed: {response.status_code}")

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            return response

    def post_form(self, form_url: str, url: str, data: dict, *, name: str, kind: str, extra=None) -> None:
        form = self.page(form_url, name=f"{name} (form)")
        match = CSRF.search(form.text or "")
        if match is None:
            return
        data = {**data, "csrfmiddlewaretoken": match.group(1), **(extra(form.text) if extra else {})}
        with self.client.post(url, data, allow_redirects=False, catch_response=True, name=name) as response:
            if response.status_code == 302 and "login" not in response.headers.get("Location", ""):
                confirmed(kind)
                response.success()
            else:
                response.failure(f"not saved: {response.status_code}")


class StaffUser(PlatformUser):
    weight = 1
    kind = "staff"

    @task(5)
    def workbench(self):
        self.page("/staff/", "/staff/")

    @task(3)
    def item(self):
        item = random.choice(self.account["items"])
        self.page(f"/staff/{item['proposal']}/", "/staff/<id>/")

    @task(1)
    def urge(self):
        item = random.choice(self.account["items"])
        self.post_form(
            f"/staff/{item['proposal']}/",
            f"/staff/{item['proposal']}/supervise/",
            {"kind": "urge", "unit": item["unit"], "content": "请加快办理进度，按期答复代表", "due_on": PLAN["due_on"]},
            name="POST /staff/<id>/supervise/",
            kind="supervision",
            extra=lambda text: {"token": TOKEN.search(text).group(1)},
        )


class UnitUser(PlatformUser):
    weight = 2
    kind = "units"

    @task(5)
    def inbox(self):
        self.page("/unit/", "/unit/")

    @task(3)
    def assignment(self):
        self.page(f"/unit/assignments/{random.choice(self.account['assignments'])}/", "/unit/assignments/<id>/")

    @task(1)
    def progress(self):
        pk = random.choice(self.account["assignments"])
        self.post_form(
            f"/unit/assignments/{pk}/",
            f"/unit/assignments/{pk}/progress/",
            {"noted_on": PLAN["today"], "body": "已赴现场调研，正在制定整改方案。"},
            name="POST /unit/assignments/<id>/progress/",
            kind="progress",
        )


class DeputyUser(PlatformUser):
    weight = 2
    kind = "deputies"

    @task(5)
    def home(self):
        self.page("/deputy/", "/deputy/")

    @task(2)
    def draft(self):
        self.post_form(
            "/deputy/new/",
            "/deputy/new/",
            {
                "kind": "suggestion",
                "session": PLAN["session"],
                "title": "关于增设社区养老服务站的建议",
                "field": "社会保障",
                "content": "建议在老旧小区增设养老服务站，提供助餐、助浴服务。",
            },
            name="POST /deputy/new/",
            kind="draft",
        )
