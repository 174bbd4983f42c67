"""In a real browser: the office filters the list, downloads 导出列表, and the file holds what the screen showed."""

import datetime as dt
import io
import os
from pathlib import Path

import openpyxl
import pytest

from tests import factories as f

from . import builders as b

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "workbench"
HEADING_ROWS = 3


@pytest.fixture
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=zh-CN"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _browser_cookies(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


def build_list():
    staff = f.staff_user(username="chenjing")
    session = f.session(name="市十七届人大五次会议", year=2026)
    water, roads, schools = f.unit(name="市水务局"), f.unit(name="市交通运输局"), f.unit(name="市教育局")
    for n, (unit, title) in enumerate(
        [
            (water, "关于加强城区河道水质监测的建议"),
            (roads, "关于优化城区公交线路的建议"),
            (water, "关于推进雨污分流改造的建议"),
            (schools, "关于推进中小学课后服务的建议"),
        ]
    ):
        f.assigned(staff=staff, session_obj=session, units=[unit], title=title, on=dt.date(2026, 1, 5 + n))
    b.evaluated_unsatisfied(staff=staff, session_obj=session, units=[water], title="关于整治黑臭水体的建议")
    b.submitted(session_obj=session, title="关于增设社区养老服务站的建议")
    f.registered(staff=staff, session_obj=session, kind="motion", title="关于制定河道管理条例的议案")
    return staff


def test_the_exported_list_has_the_screens_rows_in_the_screens_order_with_its_filters(live_server, browser):
    build_list()
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "chenjing")
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")

    # Search 城区 among suggestions, sorted by number: two of the seven items.
    page.fill("#id_q", "城区")
    page.select_option("#id_kind", label="建议")
    page.click("button:has-text('筛选')")
    page.wait_for_selector("text=筛选结果")
    page.click("th a:has-text('编号')")
    page.wait_for_load_state("networkidle")
    shown = [
        (row.locator("td").nth(0).inner_text().strip(), row.locator("td.title-cell a").inner_text().strip())
        for row in page.locator("table.table-list tbody tr").all()
    ]
    assert len(shown) == 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "list_export.png"), full_page=True)

    with page.expect_download() as download:
        page.click("#export-list")
    content = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.startswith("议案建议列表_")
    cells = [
        tuple(r)
        for r in openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True)
    ]
    header = cells[HEADING_ROWS]
    exported = [(row[header.index("编号")], row[header.index("标题")]) for row in cells[HEADING_ROWS + 1 :]]
    assert exported == shown
    assert cells[1][0] == "筛选条件：搜索：城区；类型：建议"
    assert cells[2][0].startswith(f"排序：编号（{'正序'}）；共 2 件")
