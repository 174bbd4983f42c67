"""Create forms carry a one-time token: sending the same form again shows the item already created."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from deputies.models import Session
from proposals.models import Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


def _token(page: str) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def test_back_and_resubmit_on_the_new_suggestion_form_creates_one_item(client):
    lead = f.deputy()
    client.force_login(lead.user)
    token = _token(client.get(reverse("deputy:create")).content.decode())
    data = {
        "form_token": token,
        "kind": "suggestion",
        "session": Session.objects.get(kind="recess").pk,
        "title": "关于增加公交夜班线路的建议",
        "content": "夜间出行难。",
        "disclosure": "agree",
        "submit": "1",
    }
    first = client.post(reverse("deputy:create"), data)
    again = client.post(reverse("deputy:create"), data, follow=True)
    proposal = Proposal.objects.get()
    assert first["Location"] == reverse("deputy:detail", args=[proposal.pk])
    assert again.redirect_chain[-1][0] == reverse("deputy:detail", args=[proposal.pk])
    assert "“关于增加公交夜班线路的建议”已经创建，这次重复提交没有再创建一次" in again.content.decode()
    assert proposal.state == "submitted"


def test_a_fresh_form_creates_a_second_item(client):
    lead = f.deputy()
    client.force_login(lead.user)
    for title in ("关于增加公交夜班线路的建议", "关于增加公交夜班线路的建议"):
        token = _token(client.get(reverse("deputy:create")).content.decode())
        client.post(
            reverse("deputy:create"),
            {
                "form_token": token,
                "kind": "suggestion",
                "session": Session.objects.get(kind="recess").pk,
                "title": title,
                "content": "夜间出行难。",
            },
        )
    assert Proposal.objects.count() == 2, "two forms, two items, even with the same text"


def test_another_users_token_does_not_reveal_their_item(client):
    from common.models import FormSubmission

    owner, other = f.deputy(), f.deputy()
    FormSubmission.objects.create(token="t" * 32, user=owner.user, url="/deputy/items/1/", label="别人的建议")
    client.force_login(other.user)
    response = client.post(reverse("deputy:create"), {"form_token": "t" * 32, "title": ""})
    assert response.status_code == 200 and "别人的建议" not in response.content.decode()


def test_the_staff_entry_form_replayed_registers_one_item(client):
    staff = f.staff_user()
    lead = f.deputy()
    client.force_login(staff)
    token = _token(client.get(reverse("workbench:create")).content.decode())
    data = {
        "form_token": token,
        "session": f.session().pk,
        "kind": "suggestion",
        "title": "关于完善社区养老服务的建议",
        "content": "内容",
        "lead_deputy": lead.pk,
        "submitted_on": "2026-01-10",
    }
    client.post(reverse("workbench:create"), data)
    again = client.post(reverse("workbench:create"), data, follow=True)
    proposal = Proposal.objects.get()
    assert again.redirect_chain[-1][0] == reverse("workbench:detail", args=[proposal.pk])
    assert "已经创建" in again.content.decode()


def test_two_copies_sent_at_once_keep_one_item(client, monkeypatch):
    """The second copy passes the first check before the first commits: the unique token rolls it back."""
    from common import once

    lead = f.deputy()
    client.force_login(lead.user)
    token = _token(client.get(reverse("deputy:create")).content.decode())
    data = {
        "form_token": token,
        "kind": "suggestion",
        "session": Session.objects.get(kind="recess").pk,
        "title": "关于增加公交夜班线路的建议",
        "content": "夜间出行难。",
    }
    client.post(reverse("deputy:create"), data)
    real_replay = once.replay
    calls = {"n": 0}

    def late_replay(request):
        calls["n"] += 1
        return None if calls["n"] == 1 else real_replay(request)  # the first check saw nothing yet

    monkeypatch.setattr(once, "replay", late_replay)
    response = client.post(reverse("deputy:create"), data, follow=True)
    assert Proposal.objects.count() == 1
    assert "已经创建" in response.content.decode()
