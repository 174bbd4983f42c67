"""In a real browser: a deputy invites a co-signer, the co-signer accepts in the portal, the lead sees it,
and the invitation notice leaves the co-signer's bell once answered.

Screenshots go to ``$SCREENSHOT_DIR/portals/``.
"""

import os

import pytest

from proposals.models import CoSignInvitation, Proposal
from tests import factories as f
from tests.portals.test_browser_flow import DESKTOP, SHOTS, browser, login, named, pinned  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deputy_invites_a_co_signer_who_accepts_in_the_portal(browser, live_server, pinned):  # noqa: F811
    lead = f.deputy(name="王建国", delegation="西湖区代表团")
    named(lead.user, "王建国")
    partner = f.deputy(name="李秀英", delegation="西湖区代表团")
    named(partner.user, "李秀英")

    page = login(browser, live_server, lead.user, DESKTOP)
    page.goto(f"{live_server.url}/deputy/new/")
    page.fill("#id_title", "关于增设社区养老服务站的建议")
    page.fill(
        "#id_content", "我市老年人口比例逐年上升，社区养老服务站覆盖不足。建议按每万名老人不少于一处的标准增设服务站。"
    )
    page.fill(".picker[data-name=co_signers] .picker-input", "李秀")
    page.locator(".picker[data-name=co_signers] .picker-results button.list-group-item-action").first.click()
    page.locator("button[name=save]").click()
    page.wait_for_selector("#co-signers")
    assert "待确认" in page.inner_text("#co-signers")
    header = page.inner_text(".page-title + div")
    assert "附议代表" not in header, "not listed before accepting"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "cosign-lead-pending.png"), full_page=True)

    invitee = login(browser, live_server, partner.user, DESKTOP)
    invitee.goto(f"{live_server.url}/deputy/")
    assert invitee.inner_text("#notification-bell [data-unread-count]") == "1"
    invitee.screenshot(path=str(SHOTS / "cosign-invitee-home.png"), full_page=True)
    invitee.click("#invitations a.btn")
    invitee.wait_for_selector("#invitation-answer")
    invitee.screenshot(path=str(SHOTS / "cosign-invitation.png"), full_page=True)
    invitee.click("button[value=accept]")
    invitee.wait_for_selector(".alert-success")
    assert "您已同意附议" in invitee.inner_text(".alert-success")
    assert invitee.locator("#notification-bell [data-unread-count]").count() == 0, "the notice cleared"

    page.reload()
    assert "已同意附议" in page.inner_text("#co-signers")
    assert "李秀英" in page.inner_text(".page-title + div")
    page.screenshot(path=str(SHOTS / "cosign-lead-accepted.png"), full_page=True)
    proposal = Proposal.objects.get()
    assert list(proposal.co_signers.all()) == [partner]
    assert CoSignInvitation.objects.get().state == "accepted"
