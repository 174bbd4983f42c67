"""The workbench in a real browser: register and assign an item (主办+协办), and a ledger upload with an error.

Screenshots of the main pages go to ``$SCREENSHOT_DIR/workbench/``.
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from ledger import tasks as ledger_tasks
from proposals import services
from proposals.models import Assignment, Proposal
from tests import factories as f

from . import builders as b

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots")) / "workbench"
PASSWORD = "pass-1234"


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
    """The server's clock is pinned; cookies without an expiry keep the browser's own clock out of it."""
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None


@pytest.fixture
def queued(monkeypatch):
    """Background tasks are recorded, not sent: small ledgers are checked while the user waits."""
    sent = []
    monkeypatch.setattr(ledger_tasks.ledger_upload_check, "delay", lambda *a, **k: sent.append(("check", a)))
    monkeypatch.setattr(ledger_tasks.ledger_upload_import, "delay", lambda *a, **k: sent.append(("import", a)))
    return sent


def named(user, name):
    user.first_name = name
    user.save(update_fields=["first_name"])
    return user


def build_world():
    staff = named(f.staff_user(username="zhoumin"), "周敏")
    session = f.session(name="市十七届人大五次会议", year=2026)
    wang = f.deputy(name="王建国", delegation="西湖区代表团")
    f.deputy(name="王丽华", delegation="上城区代表团")
    li = f.deputy(name="李秀英", delegation="西湖区代表团")
    zhang = f.deputy(name="张志强", delegation="拱墅区代表团")
    for deputy in (wang, li, zhang):
        named(deputy.user, deputy.name)
    housing = f.unit(name="市住房和城乡建设局")
    finance = f.unit(name="市财政局")
    transport = f.unit(name="市交通运输局")
    education = f.unit(name="市教育局")
    ecology = f.unit(name="市生态环境局")
    f.unit(name="市卫生健康委员会")
    for unit, person in [
        (housing, "陈静"),
        (finance, "赵磊"),
        (transport, "孙浩"),
        (education, "吴芳"),
        (ecology, "郑凯"),
    ]:
        named(f.handler_of(unit), person)

    # A working week's worth of items in several states, so the list looks like the real thing.
    f.assigned(
        staff=staff,
        session_obj=session,
        lead=zhang,
        units=[transport],
        title="关于优化城区公交线路和站点设置的建议",
        field="交通",
        on=dt.date(2026, 1, 5),
    )
    p = b.replied(staff=staff, session_obj=session, lead=li, units=[education], title="关于推进中小学课后服务的建议")
    p.field = "教育"
    p.save(update_fields=["field"])
    key = f.assigned(
        staff=staff,
        session_obj=session,
        lead=wang,
        units=[housing],
        co=[finance],
        mode="lead_co",
        title="关于加强城市内涝治理的建议",
        field="城乡建设",
    )
    services.key_supervision_set(proposal=key, by=staff, selected=True, supervisor="常委会副主任 陈立新")
    services.supervision_issue(
        proposal=key,
        unit=housing,
        by=staff,
        kind="urge",
        content="请于汛期前报送排涝设施改造计划。",
        due_on=dt.date(2026, 3, 20),
    )
    f.assigned(
        staff=staff,
        session_obj=f.session(name="2025年闭会期间", year=2025),
        lead=li,
        units=[ecology],
        title="关于加强城区河道水质监测的建议",
        field="生态环境",
        on=dt.date(2025, 11, 20),
    )
    f.registered(staff=staff, session_obj=session, lead=zhang, kind="motion", title="关于制定城市更新条例的议案")
    b.submitted(session_obj=session, lead=li, title="关于增设社区养老服务站的建议", field="民政")
    b.evaluated_unsatisfied(
        staff=staff, session_obj=session, lead=zhang, units=[transport], title="关于治理电动自行车乱停放的建议"
    )

    # The queues: one unit asks to hand an item back, another asks for more time.
    b.adjustment_requested(
        staff=staff,
        session_obj=session,
        lead=wang,
        units=[finance],
        proposed_unit=housing,
        title="关于规范物业服务收费的建议",
    )
    b.extension_requested(
        staff=staff,
        session_obj=session,
        lead=li,
        units=[ecology],
        until=dt.date(2026, 7, 15),
        title="关于建设城市绿道网络的建议",
    )
    return staff


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def choose(page, field_id: str, text: str, pick: str):
    """Type into a searchable select and pick the suggestion."""
    page.fill(f"#{field_id}_search", text)
    page.locator(f"#{field_id}_search").locator("xpath=ancestor::div[contains(@class,'ac-wrap')]").locator(
        ".ac-menu button", has_text=pick
    ).click()


def test_staff_register_and_assign_an_item_then_see_the_upload_preview_and_queues(
    live_server, browser, queued, tmp_path
):
    build_world()
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "zhoumin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    shot(page, "list")

    # Register a paper item by hand, then go straight to 交办.
    page.click("text=＋ 登记录入")
    page.select_option("#id_session", label="市十七届人大五次会议")
    page.fill("#id_title", "关于加快老旧小区加装电梯的建议")
    page.fill(
        "#id_content",
        "我市建成于2000年以前的老旧小区约有1200个，多层住宅普遍没有电梯。建议简化审批流程，加大财政补助力度。",
    )
    page.fill("#id_field", "城乡建设")
    choose(page, "id_lead_deputy", "王建", "王建国（西湖区代表团）")
    choose(page, "id_co_signers", "李秀", "李秀英（西湖区代表团）")
    shot(page, "entry")
    page.click("button:has-text('保存并交办')")
    page.wait_for_selector("text=今天交办的期限")
    assert page.locator(".alert-success").inner_text().startswith("已登记立案")

    page.check("input[name=mode][value=lead_co]")
    choose(page, "id_lead_units", "住房", "市住房和城乡建设局")
    choose(page, "id_co_units", "财政", "市财政局")
    page.fill("#id_comment", "请主办单位会同财政部门研究补助政策。")
    shot(page, "assign")
    page.click("button:has-text('确认交办')")
    page.wait_for_selector("text=已交办")

    item = Proposal.objects.get(title="关于加快老旧小区加装电梯的建议")
    assert item.state == "assigned"
    assert item.co_signers.get().name == "李秀英"
    roles = dict(Assignment.objects.filter(proposal=item).values_list("unit__name", "role"))
    assert roles == {"市住房和城乡建设局": "lead", "市财政局": "co"}
    assert "市财政局" in page.locator("#assignments").inner_text()
    shot(page, "detail")

    # A ledger with one wrong date: the preview lists the error, nothing is imported.
    ledger = tmp_path / "2025年台账.csv"
    ledger.write_text(
        "会议,编号,类型,标题,领衔代表,代表团,提出日期,领域,备注\n"
        "2025年闭会期间,0101,建议,关于增加公共停车位的建议,张志强,拱墅区代表团,2025-04-01,交通,\n"
        "2025年闭会期间,0102,建议,关于加强食品安全监管的建议,王丽华,上城区代表团,2025-13-45,食品安全,\n"
        "2025年闭会期间,0103,提案,关于完善夜间经济配套的建议,,上城区代表团,2025-05-06,商务,\n",
        encoding="utf-8",
    )
    page.click("nav >> text=台账导入")
    shot(page, "upload")
    page.set_input_files("#id_file", str(ledger))
    page.click("button:has-text('上传并校验')")
    page.wait_for_selector("#ledger-errors")
    errors = page.locator("#ledger-errors tbody tr")
    assert errors.count() == 3
    first = errors.first.inner_text()
    assert "第 3 行" in first and "提出日期" in first and "2025-13-45" in first
    assert "领衔代表" in page.locator("#ledger-errors").inner_text()
    assert not Proposal.objects.filter(number="0101").exists()
    shot(page, "upload_preview")

    page.click("#nav-supervision")
    page.click("nav >> text=调整申请")
    page.wait_for_selector("text=关于规范物业服务收费的建议")
    shot(page, "queue_adjustments")
    page.click("text=延期申请 >> nth=-1")
    page.wait_for_selector("text=关于建设城市绿道网络的建议")
    shot(page, "queue_extensions")

    page.click("#nav-supervision")
    page.click("nav >> text=重点督办")
    page.wait_for_selector("text=关于加强城市内涝治理的建议")
    shot(page, "key_list")

    # A 督办通知 to the lead unit of a key item.
    page.click("text=关于加强城市内涝治理的建议")
    page.click("button.action-toggle:has-text('督办')")
    page.select_option("#id_kind", label="督办通知")
    page.select_option("#id_unit", label="市住房和城乡建设局")
    page.fill("#id_content", "汛期临近，请于3月底前报送内涝点位整治方案。")
    page.fill("#id_due_on", "2026-03-31")
    shot(page, "supervise_form")
    page.click("#panel-supervise button[type=submit]")
    page.wait_for_selector("text=已向市住房和城乡建设局签发督办通知")
    assert "督〔2026〕1号" in page.locator("body").inner_text()

    # Review of a submitted item: 不予立案 without a reason is refused, in Chinese, on the page.
    page.click("nav >> text=议案建议")
    page.click("text=关于增设社区养老服务站的建议")
    page.click("button.action-toggle:has-text('不予立案')")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#panel-reject button[type=submit]")
    page.wait_for_selector("text=不予立案必须填写理由")
    assert Proposal.objects.get(title="关于增设社区养老服务站的建议").state == "submitted"
    shot(page, "review")

    # An item with its whole history: replies, an unsatisfied rating, the second round.
    page.click("nav >> text=议案建议")
    page.click("text=关于治理电动自行车乱停放的建议")
    page.wait_for_selector("text=办理记录")
    shot(page, "detail_history")
