"""The whole path of one suggestion through the platform, in a real browser, page by page:

staff register and assign it (主办+协办) → the lead unit signs and meets the deputy, the co-unit sends its
opinion → the lead unit replies (B) → the deputy reads the timeline and rates 不满意 → the unit replies
again → the deputy rates 满意 → staff see it closed, and the dashboard's figures move.

A screenshot of every step goes to ``$SCREENSHOT_DIR/e2e/``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from proposals.models import Assignment, Evaluation, Proposal, Reply
from reports import statistics
from reports.charts import format_rate
from tests import factories as f

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "e2e"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "pass-1234"
TODAY = dt.date(2026, 3, 16)  # a working Monday
TITLE = "关于加快老旧小区加装电梯的建议"
FIGURES = ("closure_rate", "satisfaction_rate", "first_satisfaction_rate", "reply_rate")


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
def pinned(time_machine, settings):
    """The server's day is a fixed working Monday; cookies without an expiry keep the browser's clock out of it."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    time_machine.move_to(dt.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)


def named(user, name: str):
    user.first_name = name
    user.save(update_fields=["first_name"])
    return user


def build_office():
    """The people of the story, and one other item already with a unit so the figures are not trivial."""
    staff = named(f.staff_user(username="zhoumin"), "周敏")
    session = f.session(name="市十七届人大五次会议", year=2026)
    deputy = f.deputy(name="王建国", delegation="西湖区代表团")
    named(deputy.user, "王建国")
    f.deputy(name="李秀英", delegation="西湖区代表团")
    housing = f.unit(name="市住房和城乡建设局")
    finance = f.unit(name="市财政局")
    transport = f.unit(name="市交通运输局")
    for unit, person in ((housing, "陈静"), (finance, "赵磊"), (transport, "孙浩")):
        named(f.handler_of(unit), person)
    f.assigned(
        staff=staff,
        session_obj=session,
        units=[transport],
        lead=f.deputy(name="张志强", delegation="拱墅区代表团"),
        title="关于优化城区公交线路和站点设置的建议",
        field="交通",
        submitted_on=dt.date(2026, 1, 20),
        on=dt.date(2026, 2, 2),
    )
    return staff, deputy, housing, finance


class Browser:
    """One logged-in person's browser tab."""

    def __init__(self, browser, live_server, user, viewport=DESKTOP):
        self.base = live_server.url
        self.page = browser.new_context(viewport=viewport, locale="zh-CN").new_page()
        self.page.goto(f"{self.base}/login/")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()

    def go(self, path: str):
        self.page.goto(f"{self.base}{path}")
        return self.page

    def success(self) -> str:
        return self.page.inner_text(".alert-success")


step = iter(range(1, 100))


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{next(step):02d}-{name}.png"), full_page=True)


def choose(page, field_id: str, text: str, pick: str) -> None:
    """Type into one of the workbench's searchable selects and pick the suggestion."""
    page.fill(f"#{field_id}_search", text)
    page.locator(f"#{field_id}_search").locator("xpath=ancestor::div[contains(@class,'ac-wrap')]").locator(
        ".ac-menu button", has_text=pick
    ).click()


def dashboard_figures(page) -> dict[str, str]:
    return {key: page.inner_text(f"[data-figure='rates.{key}']") for key in FIGURES}


def reported_figures() -> dict[str, str]:
    rates = statistics.annual_report(year=TODAY.year, as_of=TODAY)["rates"]
    return {key: format_rate(rates[key]) for key in FIGURES}


def fill_reply(page, *, category: str, body: str, doc_number: str) -> None:
    page.fill("#id_doc_number", doc_number)
    page.fill("#id_signer", "张卫东")
    page.fill("#id_contact_person", "陈静")
    page.fill("#id_contact_phone", "0571-87001234")
    page.check(f"input[name=category][value={category}]")
    page.check("input[name=adoption][value=adopted]")
    page.fill("#id_body", body)
    if category in ("B", "C"):
        page.fill("#id_plan_text_1", "年内完成首批加装电梯并全面推开")
        page.fill("#id_plan_due_1", "2026-12-31")


def approve_in_review_queue(staff, title: str) -> None:
    staff.go("/staff/replies/review/")
    assert title in staff.page.inner_text("main")
    shot(staff.page, "staff-reply-review")
    staff.page.click("text=审查通过，送达代表")
    assert "答复审查通过，已送达代表" in staff.success()


@pytest.mark.reply_review
def test_one_suggestion_goes_the_whole_path_and_the_dashboard_follows(live_server, browser, pinned):
    staff_user, deputy, housing, finance = build_office()

    # The office looks at the dashboard before: one item assigned, nothing closed or rated yet.
    staff = Browser(browser, live_server, staff_user)
    assert staff.page.url == f"{live_server.url}/staff/"
    shot(staff.page, "staff-list")
    staff.go("/leader/")
    before = dashboard_figures(staff.page)
    assert before == reported_figures()
    assert before["closure_rate"] == "0%" and before["satisfaction_rate"] == "—"
    shot(staff.page, "dashboard-before")

    # Staff register the paper item and assign it: 市住房和城乡建设局 leads, 市财政局 co-handles.
    staff.page.click("nav >> text=登记录入")
    staff.page.select_option("#id_session", label="市十七届人大五次会议")
    staff.page.fill("#id_title", TITLE)
    staff.page.fill(
        "#id_content",
        "我市建成于2000年以前的老旧小区约有1200个，多层住宅普遍没有电梯。建议简化审批流程，加大财政补助力度。",
    )
    staff.page.fill("#id_field", "城乡建设")
    choose(staff.page, "id_lead_deputy", "王建", "王建国（西湖区代表团）")
    choose(staff.page, "id_co_signers", "李秀", "李秀英（西湖区代表团）")
    shot(staff.page, "staff-entry")
    staff.page.click("button:has-text('保存并交办')")
    staff.page.wait_for_selector("text=今天交办的期限")
    assert staff.success().startswith("已登记立案")
    staff.page.check("input[name=mode][value=lead_co]")
    choose(staff.page, "id_lead_units", "住房", "市住房和城乡建设局")
    choose(staff.page, "id_co_units", "财政", "市财政局")
    staff.page.fill("#id_comment", "请主办单位会同财政部门研究补助政策。")
    shot(staff.page, "staff-assign")
    staff.page.click("button:has-text('确认交办')")
    staff.page.wait_for_selector("#assignments")
    assert "市财政局" in staff.page.inner_text("#assignments")
    shot(staff.page, "staff-assigned")
    item = Proposal.objects.get(title=TITLE)
    assert item.state == "assigned"
    assert dict(Assignment.objects.filter(proposal=item).values_list("unit__name", "role")) == {
        "市住房和城乡建设局": "lead",
        "市财政局": "co",
    }

    # The lead unit finds it in its inbox, signs for it and logs a face-to-face meeting.
    lead = Browser(browser, live_server, f.handler_of(housing))
    lead.go("/unit/")
    assert TITLE in lead.page.inner_text("main")
    shot(lead.page, "lead-unit-inbox")
    lead.page.click(f"text={TITLE} >> visible=true")
    lead.page.click("#sign button[type=submit]")
    assert "已签收" in lead.success()
    lead.page.click("button[data-bs-target='#contact-form']")
    lead.page.select_option("#contact-form select[name=method]", "meeting")
    lead.page.fill("#contact-form input[name=participants]", "王建国代表、陈静")
    lead.page.fill("#contact-form textarea[name=summary]", "当面听取代表意见，商定先在两个小区试点。")
    lead.page.click("#contact-form button[type=submit]")
    assert "沟通记录已保存" in lead.success()
    shot(lead.page, "lead-unit-signed-and-met")
    lead_url = lead.page.url.split("#")[0]

    # The co-unit, on a phone, signs and sends its opinion to the lead unit.
    co = Browser(browser, live_server, f.handler_of(finance), PHONE)
    co.go("/unit/")
    co.page.click(f"text={TITLE} >> visible=true")
    co.page.click("#sign button[type=submit]")
    co.page.fill("#opinion textarea[name=body]", "市财政将按每台电梯15万元标准给予补助，资金列入年度预算。")
    shot(co.page, "co-unit-opinion")
    co.page.click("#opinion button[type=submit]")
    assert "协办意见已送主办单位" in co.success()

    # The lead unit reads the opinion and replies with category B.
    lead.page.goto(lead_url)
    assert "每台电梯15万元" in lead.page.inner_text("#opinions")
    fill_reply(
        lead.page,
        category="B",
        body="我局已会同市财政局制定加装电梯补助办法，今年先在两个小区试点，明年全面推开。",
        doc_number="市建函〔2026〕15号",
    )
    shot(lead.page, "lead-unit-reply-b")
    lead.page.click("#reply button[type=submit]")
    assert "审查通过后送达代表" in lead.success()
    assert Reply.objects.get(proposal=item).category == "B"

    # The office reviews the reply (答复审查) and releases it to the deputy.
    approve_in_review_queue(staff, TITLE)

    # The deputy, on a phone, reads the reply on the timeline and rates the result 不满意.
    rep = Browser(browser, live_server, deputy.user, PHONE)
    rep.go("/deputy/")
    rep.page.click(f"#to-rate >> text={TITLE} >> visible=true")
    timeline = rep.page.inner_text(".timeline")
    assert "市建函〔2026〕15号" in timeline and "B 正在解决" in timeline and "当面听取代表意见" in timeline
    shot(rep.page, "deputy-timeline")
    rep.page.click("#rate-cta a")
    rep.page.click("label[for=id_attitude_0]")
    rep.page.click("label[for=id_result_2]")
    rep.page.fill("#id_reason", "试点范围太小，没有明确全面推开的时间表。")
    shot(rep.page, "deputy-rates-unsatisfied")
    rep.page.click("#rate-form button[type=submit]")
    assert "承办单位将重新办理" in rep.success()
    item.refresh_from_db()
    assert (item.state, item.round) == ("rehandling", 2)

    # The lead unit sees the deputy's reason and replies again.
    lead.page.goto(lead_url)
    assert "没有明确全面推开的时间表" in lead.page.inner_text("#rehandle")
    fill_reply(
        lead.page,
        category="A",
        body="补助办法已印发，全市加装电梯工作将于今年9月全面推开，首批120台已开工。",
        doc_number="市建函〔2026〕21号",
    )
    shot(lead.page, "lead-unit-second-reply")
    lead.page.click("#reply button[type=submit]")
    assert "答复已提交" in lead.success()
    approve_in_review_queue(staff, TITLE)

    # The deputy rates the second reply 满意: the item closes.
    rep.go(f"/deputy/items/{item.pk}/rate/")
    rep.page.click("label[for=id_attitude_0]")
    rep.page.click("label[for=id_result_0]")
    rep.page.click("#rate-form button[type=submit]")
    assert "此件已办结" in rep.success()
    shot(rep.page, "deputy-closed")
    assert list(Evaluation.objects.filter(proposal=item).order_by("round").values_list("result", flat=True)) == [
        "unsatisfied",
        "satisfied",
    ]

    # Staff see the item closed, and the dashboard's figures have moved with it.
    staff.go("/staff/")
    staff.page.click(f"text={TITLE} >> visible=true")
    assert staff.page.locator(".badge.st").first.inner_text() == "已办结"
    shot(staff.page, "staff-sees-closed")
    # The closing queued a rebuild of today's figures (debounced, in the background); until it runs the
    # page still shows the snapshot it read, with its time. Run the queued refresh as the worker would.
    from reports.tasks import refresh_figures

    refresh_figures.apply()
    staff.go("/leader/")
    after = dashboard_figures(staff.page)
    assert after == reported_figures()
    assert after["closure_rate"] == "50%" != before["closure_rate"]
    assert after["satisfaction_rate"] == "100%" != before["satisfaction_rate"]
    assert after["first_satisfaction_rate"] == "0%"
    assert after["reply_rate"] == "50%"
    shot(staff.page, "dashboard-after")
