"""A refused action always says why, in Chinese, and keeps what the user typed: a stale edit of a draft, an
edit sent after the draft was submitted elsewhere, a page whose hidden version is missing or garbled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Assignment
from tests import factories as f

from .fixtures_input import _clock, _staff, client_for  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _edit(client, p, version, **extra):
    data = {"kind": "suggestion", "title": "我在旧页面上改的标题", "content": "我在旧页面上写的内容", "save": "1"}
    if version is not None:
        data["version"] = version
    data.update(extra)
    return client.post(reverse("deputy:edit", args=[p.pk]), data)


def test_a_stale_draft_edit_says_someone_else_changed_it_and_keeps_the_text(db):
    p = f.proposal()
    stale = p.version
    services.proposal_update_draft(
        proposal=p,
        by=p.lead_deputy.user,
        title="另一页面保存的标题",
        content="",
        field="",
        kind="suggestion",
        co_signers=[],
    )
    page = _edit(client_for(p.lead_deputy.user), p, stale).content.decode()
    assert "已被他人处理，请刷新后重试" in page
    assert "我在旧页面上写的内容" in page
    p.refresh_from_db()
    assert p.title == "另一页面保存的标题"


def test_a_stale_submit_of_a_draft_says_so_too(db):
    p = f.proposal()
    stale = p.version
    services.proposal_update_draft(
        proposal=p,
        by=p.lead_deputy.user,
        title="另一页面保存的标题",
        content="",
        field="",
        kind="suggestion",
        co_signers=[],
    )
    page = _edit(client_for(p.lead_deputy.user), p, stale, submit="1").content.decode()
    assert "已被他人处理，请刷新后重试" in page
    p.refresh_from_db()
    assert p.state == "draft"


def test_an_edit_sent_after_the_draft_was_submitted_elsewhere_keeps_the_text(db):
    p = f.proposal()
    stale = p.version
    services.proposal_submit(proposal=p, by=p.lead_deputy.user)
    response = _edit(client_for(p.lead_deputy.user), p, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "此件已被处理（当前状态：已提交），不能再修改" in page
    assert "我在旧页面上写的内容" in page
    p.refresh_from_db()
    assert p.title != "我在旧页面上改的标题"


@pytest.mark.parametrize("version", [None, "", "abc", "-1"])
def test_a_draft_edit_without_a_usable_version_says_the_page_is_stale(db, version):
    p = f.proposal()
    page = _edit(client_for(p.lead_deputy.user), p, version).content.decode()
    assert "页面已过期，请刷新后重试" in page
    assert "我在旧页面上写的内容" in page
    p.refresh_from_db()
    assert p.title != "我在旧页面上改的标题"


def test_a_unit_action_with_a_garbled_version_says_the_page_is_stale(staff):
    p = f.assigned(staff=staff)
    a = Assignment.objects.select_related("unit").get(proposal=p)
    page = client_for(f.handler_of(a.unit)).post(reverse("unitportal:sign", args=[a.pk]), {"version": "abc"})
    assert "页面已过期，请刷新后重试" in page.content.decode()
    a.refresh_from_db()
    assert a.state == "pending_sign"
