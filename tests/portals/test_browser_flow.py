"""The whole handling loop in a real browser: the units handle and reply, the deputy rates twice.

Screenshots of the portals' main pages go to ``$SCREENSHOT_DIR/portals/``.
"""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.db import connections

from proposals import services
from proposals.models import Assignment, Evaluation, Proposal, Reply
from tests import factories as f
from tests.portals.conftest import at

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "portals"
TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
        # Playwright's event loop gives the test body its own database connection; close it here.
        connections.close_all()


@pytest.fixture
def pinned(time_machine, settings):
    """A fixed working Monday on the server; session cookies without expiry, so the browser's clock doesn't matter."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    time_machine.move_to(at(TODAY), tick=True)


def named(user, name):
    user.first_name = name
    user.save(update_fields=["first_name"])
    return user


def build_world():
    """An assigned 主办+协办 item, plus a few others so the pages look like a working week."""
    staff = named(f.staff_user(), "周敏")
    lead_unit = f.unit(name="市住房和城乡建设局")
    lead_unit.contact_person, lead_unit.phone = "李明", "0571-87001234"
    lead_unit.save(update_fields=["contact_person", "phone"])
    co_unit = f.unit(name="市财政局")
    named(f.handler_of(lead_unit), "陈静")
    named(f.handler_of(co_unit), "赵磊")
    deputy = f.deputy(name="王建国", delegation="西湖区代表团")
    named(deputy.user, "王建国")
    cosigner = f.deputy(name="李秀英", delegation="西湖区代表团")
    proposal = f.proposal(lead=deputy, title="关于加快老旧小区加装电梯的建议", field="城乡建设")
    proposal.content = (
        "我市建成于2000年以前的老旧小区约有1200个，多层住宅普遍没有电梯，老年居民上下楼困难。\n"
        "建议：一是简化加装电梯审批流程；二是加大财政补助力度；三是协调低层住户利益，建立长效维护机制。"
    )
    proposal.save(update_fields=["content"])
    proposal.co_signers.add(cosigner)
    services.proposal_submit(proposal=proposal, by=deputy.user)
    services.proposal_register(proposal=proposal, by=staff)
    services.proposal_assign(
        proposal=proposal, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[co_unit], on=TODAY
    )

    # Other items of the same deputy and unit, in other states.
    f.proposal(lead=deputy, title="关于增设社区养老服务站的建议")
    submitted = f.proposal(lead=deputy, title="关于规范共享单车停放管理的建议")
    services.proposal_submit(proposal=submitted, by=deputy.user)
    other = f.proposal(lead=cosigner, title="关于延长地铁夜间运营时间的建议")
    other.co_signers.add(deputy)
    for title, name, on, sign in (
        ("关于整治背街小巷停车乱象的建议", "孙立平", dt.date(2025, 12, 20), True),
        ("关于推进垃圾分类进小区的建议", "吴晓燕", dt.date(2025, 12, 1), True),
        ("关于改造城区老旧供水管网的建议", "郑海涛", TODAY, False),
    ):
        p = f.assigned(staff=staff, units=[lead_unit], on=on, title=title, lead=f.deputy(name=name))
        if sign:
            a = Assignment.objects.get(proposal=p, unit=lead_unit)
            services.assignment_sign(assignment=a, by=f.handler_of(lead_unit))
    return proposal, lead_unit, co_unit, deputy


def login(browser, live_server, user, viewport):
    context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pass-1234")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def fill_reply(page, *, category, body, doc_number, attach: Path | None = None):
    page.fill("#id_doc_number", doc_number)
    page.fill("#id_signer", "张卫东")
    page.fill("#id_contact_person", "李明")
    page.fill("#id_contact_phone", "0571-87001234")
    page.check(f"input[name=category][value={category}]")
    page.check("input[name=adoption][value=adopted]")
    page.fill("#id_body", body)
    if category in ("B", "C"):
        page.fill("#id_plan_text_1", "年内完成首批加装电梯并全面推开")
        page.fill("#id_plan_due_1", "2026-12-31")
    if attach is not None:
        page.set_input_files("#reply input[type=file]", str(attach))


def test_units_handle_and_reply_and_the_deputy_rates_twice(live_server, browser, pinned, tmp_path):
    proposal, lead_unit, co_unit, deputy = build_world()
    lead = Assignment.objects.get(proposal=proposal, unit=lead_unit)
    co = Assignment.objects.get(proposal=proposal, unit=co_unit)
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(b"%PDF-1.4 letter")

    # The lead unit finds the item in its inbox, signs it and logs a contact.
    unit_page = login(browser, live_server, f.handler_of(lead_unit), DESKTOP)
    unit_page.goto(f"{live_server.url}/unit/")
    assert "待签收" in unit_page.inner_text(".nav-tabs")
    shot(unit_page, "unit-inbox")
    unit_page.click("text=关于加快老旧小区加装电梯的建议")
    unit_page.click("#sign button[type=submit]")
    assert "已签收" in unit_page.inner_text(".alert-success")
    unit_page.click("button[data-bs-target='#contact-form']")
    unit_page.select_option("#contact-form select[name=method]", "meeting")
    unit_page.fill("#contact-form input[name=participants]", "王建国代表、陈静")
    unit_page.fill("#contact-form textarea[name=summary]", "上门听取代表意见，初步商定先在两个小区试点。")
    unit_page.click("#contact-form button[type=submit]")
    assert "沟通记录已保存" in unit_page.inner_text(".alert-success")

    # The co-unit signs and sends its opinion to the lead unit.
    co_page = login(browser, live_server, f.handler_of(co_unit), PHONE)
    co_page.goto(f"{live_server.url}/unit/assignments/{co.pk}/")
    co_page.click("#sign button[type=submit]")
    assert "请在期限内向主办单位提交协办意见" in co_page.inner_text(".alert-success")
    assert no_sideways_scroll(co_page)
    shot(co_page, "unit-co-assignment-phone")
    co_page.fill("#opinion textarea[name=body]", "市财政将按每台电梯15万元标准给予补助，资金列入年度预算。")
    co_page.click("#opinion button[type=submit]")
    assert "协办意见已送主办单位" in co_page.inner_text(".alert-success")

    # The lead unit reads the opinion and replies with category B.
    unit_page.goto(f"{live_server.url}/unit/assignments/{lead.pk}/")
    assert "每台电梯15万元" in unit_page.inner_text("#opinions")
    fill_reply(
        unit_page,
        category="B",
        body="您提出的建议很有针对性。我局已会同市财政局制定加装电梯补助办法，今年先在两个小区试点，明年全面推开。",
        doc_number="市建函〔2026〕15号",
        attach=letter,
    )
    shot(unit_page, "unit-assignment-reply-form")
    unit_page.click("#reply button[type=submit]")
    assert "答复已提交" in unit_page.inner_text(".alert-success")
    assert Reply.objects.get().category == "B"

    # The deputy, on a phone, sees the reply on the timeline and rates the result 不满意.
    phone = login(browser, live_server, deputy.user, PHONE)
    phone.goto(f"{live_server.url}/deputy/")
    assert "有 1 件答复待您评价" in phone.inner_text("#to-rate")
    assert no_sideways_scroll(phone)
    shot(phone, "deputy-home-phone")
    phone.click("#to-rate >> text=关于加快老旧小区加装电梯的建议")
    timeline = phone.inner_text(".timeline")
    assert "市建函〔2026〕15号" in timeline and "B 正在解决" in timeline and "上门听取代表意见" in timeline
    assert phone.is_visible("details.reply-body[open] >> text=今年先在两个小区试点")
    assert no_sideways_scroll(phone)
    shot(phone, "deputy-item-timeline-phone")
    with phone.expect_download() as download:
        phone.click("text=下载答复函")
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.4 letter"
    phone.click("#rate-cta a")
    phone.click("label[for=id_attitude_0]")
    phone.click("label[for=id_result_2]")
    assert phone.is_visible("#reason-required")
    phone.fill("#id_reason", "试点范围太小，没有明确全面推开的时间表。")
    assert no_sideways_scroll(phone)
    shot(phone, "deputy-rating-form-phone")
    phone.click("#rate-form button[type=submit]")
    assert "承办单位将重新办理" in phone.inner_text(".alert-success")
    assert "重新办理（第2轮）" in phone.inner_text(".timeline")
    shot(phone, "deputy-item-round2-phone")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.round) == ("rehandling", 2)

    # The lead unit sees the deputy's reason and the new deadline, and replies again.
    unit_page.goto(f"{live_server.url}/unit/assignments/{lead.pk}/")
    rehandle = unit_page.inner_text("#rehandle")
    assert "没有明确全面推开的时间表" in rehandle
    assert f"{proposal.rehandle_due:%Y-%m-%d}" in rehandle
    shot(unit_page, "unit-assignment-round2")
    fill_reply(
        unit_page,
        category="A",
        body="补助办法已印发，全市加装电梯工作将于今年9月全面推开，首批120台已开工。",
        doc_number="市建函〔2026〕21号",
    )
    unit_page.click("#reply button[type=submit]")
    assert "答复已提交" in unit_page.inner_text(".alert-success")

    # The deputy rates the second reply 满意 and the item closes.
    phone.goto(f"{live_server.url}/deputy/items/{proposal.pk}/rate/")
    phone.click("label[for=id_attitude_0]")
    phone.click("label[for=id_result_0]")
    phone.click("#rate-form button[type=submit]")
    assert "此件已办结" in phone.inner_text(".alert-success")
    shot(phone, "deputy-item-closed-phone")
    proposal.refresh_from_db()
    assert proposal.state == "closed"
    assert list(Evaluation.objects.order_by("round").values_list("result", flat=True)) == ["unsatisfied", "satisfied"]

    desktop = login(browser, live_server, deputy.user, DESKTOP)
    desktop.goto(f"{live_server.url}/deputy/items/{proposal.pk}/")
    shot(desktop, "deputy-item-desktop")
    desktop.goto(f"{live_server.url}/deputy/new/")
    desktop.fill("#id_title", "关于在公园增设无障碍设施的建议")
    desktop.fill(".picker-input", "李")
    desktop.click(".picker-results button:has-text('李秀英')")
    desktop.fill("#id_content", "部分公园缺少无障碍通道和无障碍卫生间。")
    desktop.check("input[name=disclosure][value=agree]")
    shot(desktop, "deputy-new-item")
    desktop.click("button[name=submit]")
    created = Proposal.objects.get(title="关于在公园增设无障碍设施的建议")
    assert created.state == "submitted"
    # The chosen co-signer is invited: listed on the item once she accepts.
    assert list(created.co_signers.all()) == []
    assert [i.deputy.name for i in created.cosign_invitations.filter(state="pending")] == ["李秀英"]
