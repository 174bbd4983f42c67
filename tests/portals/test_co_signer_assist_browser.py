"""In a real browser: office staff enter a co-signer's rating for them (代为录入) from the item's page; the
table of co-signers' ratings marks it.

Screenshots go to ``$SCREENSHOT_DIR/portals/``.
"""

import os

import pytest

from proposals.models import CoSignerEvaluation
from tests.portals.conftest import make_item, reply_round, sign_both
from tests.portals.test_browser_flow import DESKTOP, SHOTS, browser, login, named, pinned  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_enter_a_co_signers_rating_for_them_on_the_item_page(browser, live_server, pinned):  # noqa: F811
    item = reply_round(sign_both(make_item(lead_name="王建国")))
    named(item.staff, "周敏")
    cosigner = item.cosigner
    page = login(browser, live_server, item.staff, DESKTOP)
    page.goto(f"{live_server.url}/staff/{item.proposal.pk}/")
    page.click("button[data-bs-target='#panel-co_assist']")
    page.wait_for_selector("#panel-co_assist.show")
    page.select_option("#panel-co_assist select[name=deputy]", str(cosigner.pk))
    page.check("#panel-co_assist input[name=channel][value=phone]")
    page.check("#panel-co_assist input[name=attitude][value=satisfied]")
    page.check("#panel-co_assist input[name=result][value=basic]")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#panel-co_assist").screenshot(path=str(SHOTS / "co-signer-assist-panel.png"))
    page.click("#panel-co_assist button[type=submit]")
    page.wait_for_selector("#panel-co_assist .invalid-feedback")
    assert "代为录入评价须写明原因" in page.inner_text("#panel-co_assist"), "the reason is required"
    page.fill("#panel-co_assist input[name=assisted_reason]", "代表在外地，电话告知评价意见")
    page.click("#panel-co_assist button[type=submit]")
    page.wait_for_selector("#co-signer-evaluations")
    table = page.inner_text("#co-signer-evaluations")
    assert cosigner.name in table and "代为录入" in table and "电话" in table
    page.screenshot(path=str(SHOTS / "co-signer-assisted.png"), full_page=True)
    stored = CoSignerEvaluation.objects.get()
    assert (stored.deputy, stored.assisted_channel, stored.entered_by) == (cosigner, "phone", item.staff)
