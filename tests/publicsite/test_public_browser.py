"""A citizen searches the published items in a browser and opens one (no login)."""

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connections

from proposals.calendar_seed import seed
from proposals.models import CalendarDay
from publicsite.models import Publication
from tests import factories as f
from tests.publicsite.test_public_pages import _answered

playwright_sync = pytest.importorskip("playwright.sync_api")
# The test builds its rows while Playwright's event loop runs in this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "public"


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


def test_a_citizen_searches_the_published_replies_and_reads_one(live_server, browser, time_machine):
    seed(CalendarDay, [2025, 2026])
    cache.clear()
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    staff, unit = f.staff_user(), f.unit(name="市住房和城乡建设局")
    _answered(title="关于老旧小区加装电梯的建议", disclosure="agree", staff=staff, unit=unit)
    _answered(title="关于增设社区食堂的建议", disclosure="agree", staff=staff, unit=f.unit(name="市民政局"))
    _answered(title="关于不公开事项的建议", disclosure="refuse", reason="涉及个人隐私", staff=staff, unit=unit)
    Publication.objects.update(publish_on=dt.date(2026, 3, 2))
    time_machine.move_to(dt.datetime(2026, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/public/")
    text = page.inner_text("main")
    assert "关于老旧小区加装电梯的建议" in text and "关于增设社区食堂的建议" in text
    assert "关于不公开事项的建议" not in text
    page.fill("#id_q", "电梯")
    page.select_option("#id_unit", label="市住房和城乡建设局")
    page.click("#public-search button[type=submit]")
    page.wait_for_load_state()
    text = page.inner_text("main")
    assert "关于老旧小区加装电梯的建议" in text and "关于增设社区食堂的建议" not in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "public-search.png"), full_page=True)
    page.click("text=关于老旧小区加装电梯的建议")
    page.wait_for_load_state()
    body = page.inner_text("main")
    assert "已完成改造。" in body and "市住房和城乡建设局的答复" in body
    assert "13900001111" not in page.content() and "王联络" not in page.content()
    page.screenshot(path=str(SHOTS / "public-item.png"), full_page=True)
