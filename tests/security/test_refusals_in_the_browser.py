"""The refusals as a user sees them in a real browser: a bad filter id named above the list, an .exe renamed
.pdf refused on the reply form with the entries kept, and a stale draft edit told apart from a saved one.

Screenshots go to ``$SCREENSHOT_DIR/security/``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from proposals import services
from proposals.models import Assignment, Reply
from tests import factories as f

from . import samples as s

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "security"
PASSWORD = "pass-1234"


@pytest.fixture(autouse=True)
def _pinned(time_machine, settings):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


@pytest.fixture
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--lang=zh-CN"],
        )
        yield browser
        browser.close()


def login(browser, live_server, user):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_bad_unit_id_in_the_list_address_is_named_above_the_list(live_server, browser):
    staff = f.staff_user()
    f.registered(staff=staff, title="关于改善背街小巷照明的建议")
    page = login(browser, live_server, staff)
    page.goto(f"{live_server.url}/staff/?unit=abc&kind=suggestion")
    assert "以下筛选条件无效，未予使用" in page.inner_text("main")
    assert "关于改善背街小巷照明的建议" in page.inner_text("main")
    shot(page, "list-bad-filter")


def test_an_exe_renamed_pdf_is_refused_on_the_reply_form_with_the_entries_kept(live_server, browser, tmp_path):
    staff = f.staff_user()
    p = f.assigned(staff=staff, title="关于加快老旧小区加装电梯的建议")
    a = Assignment.objects.select_related("unit").get(proposal=p)
    handler = f.handler_of(a.unit)
    services.assignment_sign(assignment=a, by=handler)
    fake = tmp_path / "答复函.pdf"
    fake.write_bytes(s.EXE)
    page = login(browser, live_server, handler)
    page.goto(f"{live_server.url}/unit/assignments/{a.pk}/")
    form = page.locator("form[action$='/reply/']")
    form.locator("[name=doc_number]").fill("市住建函〔2026〕8号")
    form.locator("[name=signer]").fill("王局长")
    form.locator("[name=contact_person]").fill("李明")
    form.locator("[name=contact_phone]").fill("010-12345678")
    form.locator("[name=category][value=A]").check(force=True)
    form.locator("[name=body]").fill("已将加装电梯纳入今年城市更新计划。")
    form.locator("input[type=file][name=file]").set_input_files(str(fake))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "reply-exe-refused")
    text = page.inner_text("main")
    assert "「答复函.pdf」的内容不是PDF文件（实际为可执行程序）" in text
    assert page.locator("form[action$='/reply/'] [name=body]").input_value() == "已将加装电梯纳入今年城市更新计划。"
    assert not Reply.objects.exists()
    shot(page, "reply-exe-refused")


def test_a_stale_draft_edit_is_refused_with_a_message_and_the_text_kept(live_server, browser):
    draft = f.proposal(title="关于增设社区养老服务站的建议")
    draft.lead_deputy.user.set_password(PASSWORD)
    draft.lead_deputy.user.save()
    page = login(browser, live_server, draft.lead_deputy.user)
    page.goto(f"{live_server.url}/deputy/items/{draft.pk}/edit/")
    services.proposal_update_draft(
        proposal=draft,
        by=draft.lead_deputy.user,
        title="在另一个窗口保存的标题",
        content="",
        field="",
        kind="suggestion",
        co_signers=[],
    )
    page.fill("#id_content", "社区老人多，就近养老需求大，建议每个街道至少建一个服务站。")
    page.click("button[name=save]")
    page.wait_for_load_state()
    assert "已被他人处理，请刷新后重试" in page.inner_text("main")
    assert "建议每个街道至少建一个服务站" in page.locator("#id_content").input_value()
    shot(page, "draft-stale-edit")
