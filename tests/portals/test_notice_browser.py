"""In a real browser: a unit's extension request rings every staff member's bell; when one of them
decides it, the notice clears for all of them.

Screenshots go to ``$SCREENSHOT_DIR/portals/``.
"""

import datetime as dt
import os

import pytest

from notifications.models import Kind, Notification
from proposals import services
from tests import factories as f
from tests.portals.test_browser_flow import DESKTOP, SHOTS, TODAY, browser, login, named, pinned  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _bell(page) -> int:
    badge = page.locator("#notification-bell [data-unread-count]")
    return int(badge.get_attribute("data-unread-count")) if badge.count() else 0


def test_a_decided_extension_request_clears_from_every_staff_bell(browser, live_server, pinned):  # noqa: F811
    first, second = named(f.staff_user(), "周敏"), named(f.staff_user(), "吴芳")
    unit = f.unit(name="市住房和城乡建设局")
    handler = named(f.handler_of(unit), "陈静")
    proposal = f.assigned(staff=first, units=[unit], title="关于治理城市内涝的建议", on=TODAY - dt.timedelta(days=20))
    assignment = proposal.assignments.get()
    services.assignment_sign(assignment=assignment, by=handler)
    assignment.refresh_from_db()
    services.extension_request(
        assignment=assignment, by=handler, until=assignment.due_on + dt.timedelta(days=30), reason="需要跨部门协调"
    )

    watcher = login(browser, live_server, first, DESKTOP)
    watcher.goto(f"{live_server.url}/notifications/")
    before = _bell(watcher)
    assert before >= 1 and "待办理" in watcher.inner_text("main")
    SHOTS.mkdir(parents=True, exist_ok=True)
    watcher.screenshot(path=str(SHOTS / "notices-to-do.png"), full_page=True)

    decider = login(browser, live_server, second, DESKTOP)
    decider.goto(f"{live_server.url}/staff/requests/extensions/")
    decider.click("button.btn-success:has-text('同意延期')")
    decider.wait_for_load_state()

    watcher.reload()
    assert _bell(watcher) == before - 1
    assert "已办理" in watcher.inner_text("main")
    watcher.screenshot(path=str(SHOTS / "notices-done.png"), full_page=True)
    assert not Notification.objects.filter(kind=Kind.EXTENSION, resolved_at__isnull=True).exists()
