"""The dashboard in a real browser, on the demo office: it renders at desktop and phone width.

Screenshots go to ``$SCREENSHOT_DIR/dashboard/``.
"""

import os
from pathlib import Path

import pytest

from demo.catalog import LEADER, PASSWORD
from demo.seed import seed
from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "dashboard"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_office(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return seed()


def open_dashboard(browser, live_server, viewport, *, username: str = LEADER.username, password: str = PASSWORD):
    context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/leader/")
    return page


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_leader_reads_the_demo_offices_dashboard_on_a_desktop_and_a_phone(live_server, browser, demo_office):
    page = open_dashboard(browser, live_server, DESKTOP)
    assert page.locator("h1").inner_text().startswith(str(demo_office.today.year))
    assert page.locator("svg.chart >> visible=true").count() == 4
    assert page.locator("svg.chart >> visible=true").first.bounding_box()["width"] > 400
    assert page.locator("svg.chart rect.bar >> visible=true").count() > 4
    assert page.locator("#units tbody tr").count() > 1
    assert page.locator("[data-figure='rates.reply_rate']").inner_text().endswith("%")
    shot(page, "desktop")

    phone = open_dashboard(browser, live_server, PHONE)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert phone.locator("#overdue thead").is_hidden()
    assert phone.locator("svg.chart >> visible=true").count() == 4
    shot(phone, "phone")


def test_choosing_another_year_starts_from_that_years_end_and_an_empty_year_says_so(live_server, browser, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    f.session(name="市十七届人大三次会议", year=2025)
    leader = f.leader_user(first_name="周明远")
    page = open_dashboard(browser, live_server, DESKTOP, username=leader.username, password="pass-1234")
    page.select_option("select[name=year]", "2025")
    page.wait_for_url("**/leader/?year=2025&as_of=")
    assert page.locator("h1").inner_text() == "2025年度议案建议办理情况"
    assert "截至 2025年12月31日" in page.locator("main").inner_text()
    assert page.locator("[data-figure='rates.satisfaction_rate']").inner_text() == "—"
    assert page.get_by_text("暂无数据").count() >= 1
    shot(page, "empty-year")
