"""In a real browser: a deputy submits a saved draft from its page, choosing 不公开 and giving the reason
(shown only once 不公开 is chosen); a refusal without a reason keeps the draft.

Screenshots go to ``$SCREENSHOT_DIR/portals/``.
"""

import os

import pytest

from tests import factories as f
from tests.portals.test_browser_flow import DESKTOP, SHOTS, browser, login, named, pinned  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_draft_is_submitted_from_its_page_with_a_reason_for_not_publishing(browser, live_server, pinned):  # noqa: F811
    proposal = f.proposal(title="关于规范老旧小区停车管理的建议")
    named(proposal.lead_deputy.user, "王建国")
    page = login(browser, live_server, proposal.lead_deputy.user, DESKTOP)
    page.goto(f"{live_server.url}/deputy/items/{proposal.pk}/")
    page.wait_for_selector("#submit-form")
    assert not page.is_visible("#id_non_disclosure_reason"), "the reason appears only for 不公开"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "draft-submit.png"), full_page=True)

    page.check("#submit-form input[name=disclosure][value=refuse]")
    assert page.is_visible("#id_non_disclosure_reason")
    page.click("#submit-form button[type=submit]")
    page.wait_for_selector("#submit-form .form-errors")
    assert "不同意公开的，请写明不公开原由" in page.inner_text("#submit-form")
    assert page.is_visible("#id_non_disclosure_reason"), "still shown with its error"
    page.screenshot(path=str(SHOTS / "draft-submit-no-reason.png"), full_page=True)
    proposal.refresh_from_db()
    assert proposal.state == "draft"

    page.fill("#id_non_disclosure_reason", "涉及个别住户的个人信息")
    page.click("#submit-form button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "已提交" in page.inner_text(".alert-success")
    page.screenshot(path=str(SHOTS / "draft-submitted.png"), full_page=True)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.disclosure, proposal.non_disclosure_reason) == (
        "submitted",
        "refuse",
        "涉及个别住户的个人信息",
    )
