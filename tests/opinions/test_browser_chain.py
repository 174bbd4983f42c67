"""The whole 民意池 chain in a real browser:

a citizen scans the station's code and sends an opinion → station staff see it, the deputy turns it
into a suggestion → the office assigns it → the unit replies → the citizen, by the query code alone, sees that it was
answered and, on the publication day, the unit's reply itself → the station releases the outcome →
the citizen sees each step and the answer, and says they are satisfied.

Screenshots go to ``$SCREENSHOT_DIR/opinions/``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
from django.utils import timezone

from opinions.models import Opinion
from proposals import services as ps
from proposals.models import Proposal
from publicsite.models import Publication
from tests import factories as f
from tests.opinions.support import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "opinions"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "pass-1234"
REPLY = "我局已制定老旧小区加装电梯补助办法，每台补助15万元，今年在北山街道先行试点。"
CONTENT = "北山街道老旧小区多为六层住宅，没有电梯，老人上下楼非常困难，希望政府支持加装电梯并给予补贴。"


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
def pinned(time_machine, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    time_machine.move_to(dt.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)


shots = iter(range(1, 100))


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{next(shots):02d}-{name}.png"), full_page=True)


def login(browser, base: str, user, viewport=DESKTOP):
    page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def named(user, name: str):
    user.first_name = name
    user.save(update_fields=["first_name"])
    return user


def test_a_citizens_opinion_becomes_a_suggestion_and_the_answer_comes_back_by_query_code(live_server, browser, pinned):
    world = build_world()
    named(world.deputy.user, "王建国")
    f.session(name="市十七届人大五次会议", year=2026)
    base = live_server.url

    # The citizen, on a phone, opens the station's public page (the QR code's target) and sends an opinion.
    citizen = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    citizen.goto(f"{base}/public/opinions/stations/{world.station.pk}/")
    assert "王建国" in citizen.inner_text("main")
    shot(citizen, "citizen-station-page")
    citizen.click("text=提交意见建议")
    citizen.fill("#id_content", CONTENT)
    citizen.select_option("#id_field", "城乡建设")
    citizen.fill("#id_area", "北山街道")
    citizen.fill("#id_citizen_name", "李阿姨")
    citizen.fill("#id_citizen_phone", "13812345678")
    a, b = map(int, re.findall(r"(\d+) 加 (\d+)", citizen.inner_text("label[for=id_answer]"))[0])
    citizen.fill("#id_answer", str(a + b))
    shot(citizen, "citizen-form")
    citizen.click("button[type=submit]")
    code = citizen.inner_text("#query-code")
    shot(citizen, "citizen-query-code")
    opinion = Opinion.objects.get()
    assert code == opinion.code_display and opinion.source == "online"

    # Station staff see it in their list with the citizen's phone.
    staff = login(browser, base, world.staff_user)
    assert "群众意见" in staff.inner_text("h1")
    shot(staff, "station-list")
    staff.click(f"text={opinion.short}")
    assert "13812345678" in staff.inner_text("main")
    shot(staff, "station-opinion")

    # The deputy picks it in their list and turns it into a suggestion, prefilled from the opinion.
    deputy = login(browser, base, world.deputy.user)
    deputy.goto(f"{base}/opinions/")
    deputy.check(f"input[name=ids][value='{opinion.pk}']")
    deputy.click("text=将选中的意见转为建议")
    assert CONTENT in deputy.input_value("#id_content")
    deputy.fill("#id_title", "关于支持老旧小区加装电梯的建议")
    deputy.fill("#id_reason", "老旧小区加装电梯是普遍诉求，需要市级层面统筹推进")
    shot(deputy, "deputy-suggest")
    deputy.click("button:has-text('保存为建议草稿')")
    deputy.wait_for_selector("#id_title")
    deputy.check("input[name=disclosure][value=agree]")
    deputy.click("button[name=submit]")
    deputy.wait_for_selector("#source-opinions")
    assert "李阿姨" not in deputy.inner_text("#source-opinions") and "北山街道老旧小区" in deputy.inner_text(
        "#source-opinions"
    )
    shot(deputy, "deputy-suggestion-from-opinion")
    suggestion = Proposal.objects.get(title="关于支持老旧小区加装电梯的建议")
    assert suggestion.state == "submitted" and list(suggestion.source_opinions.all()) == [opinion]

    # The office registers and assigns it to 市住房和城乡建设局 (the workbench path has its own browser test).
    ps.proposal_register(proposal=suggestion, by=world.office)
    ps.proposal_assign(proposal=suggestion, by=world.office, mode="single", lead_units=[world.unit], co_units=[])

    # The unit signs and replies in its portal.
    unit = login(browser, base, world.unit.handlers.get().user)
    unit.goto(f"{base}/unit/")
    unit.click("text=关于支持老旧小区加装电梯的建议 >> visible=true")
    unit.click("#sign button[type=submit]")
    unit.fill("#id_doc_number", "市建函〔2026〕30号")
    unit.fill("#id_signer", "张卫东")
    unit.fill("#id_contact_person", "陈静")
    unit.fill("#id_contact_phone", "0571-87001234")
    unit.check("input[name=category][value=B]")
    unit.check("input[name=adoption][value=adopted]")
    unit.fill("#id_plan_text_1", "年内在北山街道完成首批试点加装")
    unit.fill("#id_plan_due_1", "2026-12-31")
    unit.fill("#id_body", REPLY)
    unit.click("#reply button[type=submit]")
    unit.wait_for_selector(".alert-success")
    assert "13812345678" not in unit.content()
    suggestion.refresh_from_db()
    assert suggestion.state == "replied"

    # Before the publication day the citizen sees that it was answered and when the answer is published.
    publication = Publication.objects.get(proposal=suggestion)
    citizen.goto(f"{base}/public/opinions/query/")
    citizen.fill("#id_code", code)
    citizen.click("button[type=submit]")
    note = citizen.inner_text("#published-answer-note")
    assert "已答复" in citizen.inner_text("#suggestion-outcome")
    assert f"答复将按规定于 {publication.publish_on:%Y年%-m月%-d日} 公开" in note
    assert REPLY not in citizen.content()
    shot(citizen, "citizen-answered-not-yet-published")

    # On the publication day the citizen reads the unit's reply itself, without any contact detail.
    Publication.objects.filter(pk=publication.pk).update(publish_on=timezone.localdate())
    citizen.goto(f"{base}/public/opinions/query/")
    citizen.fill("#id_code", code)
    citizen.click("button[type=submit]")
    assert REPLY in citizen.inner_text("#published-answer")
    assert "市建函〔2026〕30号" in citizen.inner_text("#published-answer")
    for secret in ("13812345678", "0571-87001234", "陈静", "张卫东"):
        assert secret not in citizen.content()
    shot(citizen, "citizen-reads-published-answer")
    citizen.click("#public-item-link")
    assert REPLY in citizen.inner_text("main") and "关于支持老旧小区加装电梯的建议" in citizen.inner_text("h1")
    shot(citizen, "citizen-public-item")

    # The station releases the outcome to the citizen.
    staff.goto(f"{base}/opinions/{opinion.pk}/")
    staff.fill("#id_release-summary", "市住建局已答复：加装电梯每台补助15万元，今年在北山街道先行试点。")
    staff.click("button:has-text('公布')")
    staff.wait_for_selector(".alert-success")
    shot(staff, "station-released")

    # The citizen, with nothing but the code, sees each step, the answer and the station's summary, and rates it.
    citizen.goto(f"{base}/public/opinions/query/")
    citizen.fill("#id_code", code.lower())
    citizen.click("button[type=submit]")
    text = citizen.inner_text("main")
    assert "转为建议" in text and "已答复" in text and "每台补助15万元" in text
    assert "13812345678" not in citizen.content()
    shot(citizen, "citizen-sees-answer")
    citizen.click("label[for=id_result_0]")
    citizen.click("button:has-text('提交评价')")
    assert "您的评价：满意" in citizen.inner_text("main")
    opinion.refresh_from_db()
    assert opinion.satisfaction == "satisfied" and opinion.fed_back_on is not None

    # A guessed code shows nothing.
    citizen.goto(f"{base}/public/opinions/query/")
    citizen.fill("#id_code", "ABCD-EFGH-JKMN")
    citizen.click("button[type=submit]")
    assert "未查到" in citizen.inner_text("main") and CONTENT not in citizen.content()
