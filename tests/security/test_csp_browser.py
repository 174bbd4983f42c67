"""The main pages of every role, in a real browser under the content security policy, report no violation.

Each page is opened with a listener for ``securitypolicyviolation`` events installed before any of the page's
own code runs; console messages about the policy and script errors count too. Screenshots of the lockout
page go to ``$SCREENSHOT_DIR/security/``.
"""

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse

from tests.access_matrix.world import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "security"
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + (e.sourceFile || location.pathname) + ":" + e.lineNumber);
});
"""


@pytest.fixture
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def world(time_machine, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
    return build_world()


class Watched:
    """A browser tab that records every CSP violation, policy console message and script error."""

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.base = base_url
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if "Content Security Policy" in m.text else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 400, f"{path}: {response and response.status}"
        self.page.wait_for_load_state("networkidle")
        self.collect(path)

    def collect(self, path: str) -> None:
        for violation in self.page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"{path}: {violation}")
        self.page.evaluate("window.__cspViolations = []")

    def login(self, username: str, password: str = "pass-1234") -> None:
        self.open(reverse("accounts:login"))
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state("networkidle")
        self.collect("login")


def pages_of(w) -> dict[str, list[str]]:
    return {
        "staff": [
            reverse("workbench:list"),
            reverse("workbench:key_list"),
            reverse("workbench:create"),
            reverse("workbench:detail", args=[w.submitted.pk]),
            reverse("workbench:detail", args=[w.item.pk]),
            reverse("workbench:assign", args=[w.registered.pk]),
            reverse("workbench:adjustments"),
            reverse("workbench:extensions"),
            reverse("workbench:ledger_upload"),
            reverse("workbench:ledger_preview", args=[w.upload.pk]),
            reverse("dashboard:home"),
            reverse("dashboard:archive_list"),
            reverse("notifications:list"),
        ],
        "leader": [reverse("dashboard:home"), reverse("dashboard:archive_list"), reverse("notifications:list")],
        "deputy": [
            reverse("deputy:home"),
            reverse("deputy:create"),
            reverse("deputy:edit", args=[w.draft.pk]),
            reverse("deputy:detail", args=[w.submitted.pk]),
            reverse("deputy:detail", args=[w.item.pk]),
            reverse("deputy:rate", args=[w.item.pk]),
            reverse("notifications:list"),
        ],
        "unit": [
            reverse("unitportal:inbox"),
            reverse("unitportal:inbox") + "?tab=handling",
            reverse("unitportal:assignment", args=[w.lead.pk]),
            reverse("unitportal:assignment", args=[w.extension.assignment_id]),
            reverse("unitportal:assignment", args=[w.adjustment.assignment_id]),
        ],
    }


def test_the_main_pages_of_every_role_raise_no_csp_violation(live_server, browser, world):
    problems = []
    anonymous = Watched(browser, live_server.url)
    anonymous.open(reverse("accounts:login"))
    problems += anonymous.problems
    for role, paths in pages_of(world).items():
        tab = Watched(browser, live_server.url)
        tab.login(world.users[role].username)
        for path in paths:
            tab.open(path)
        problems += [f"{role} {p}" for p in tab.problems]
        tab.context.close()
    assert not problems, "\n".join(problems)


def test_the_page_scripts_run_under_the_policy(live_server, browser, world):
    """Not only silent: the workbench's search boxes and the deputy's co-signer picker really work."""
    staff = Watched(browser, live_server.url)
    staff.login(world.users["staff"].username)
    staff.open(reverse("workbench:assign", args=[world.registered.pk]))
    assert staff.page.locator(".ac-box").count() >= 1  # static/js/workbench.js enhanced the selects
    deputy = Watched(browser, live_server.url)
    deputy.login(world.users["deputy"].username)
    deputy.open(reverse("deputy:create"))
    deputy.page.fill(".picker-input", "李")
    deputy.page.wait_for_selector(".picker-results button")  # static/js/picker.js fetched the matches
    deputy.collect("picker")
    assert not staff.problems + deputy.problems


def test_the_lockout_page_is_in_chinese_and_passes_the_policy(live_server, browser, world):
    tab = Watched(browser, live_server.url)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        tab.login(world.users["staff"].username, password="wrong-guess")
    tab.login(world.users["staff"].username)
    assert "账号已暂时锁定" in tab.page.content()
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SHOTS / "locked_out.png"), full_page=True)
    assert not tab.problems
