"""Leaders read everything and change nothing: every page that writes refuses a leader's POST with 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from proposals.models import Assignment, Proposal
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(staff):
    """An assigned 主办+协办 item, signed by its lead unit."""
    return f.assigned(staff=staff, mode="lead_co", title="关于加快老旧小区加装电梯的建议")


def snapshot(proposal: Proposal) -> tuple:
    proposal.refresh_from_db()
    assignments = tuple(Assignment.objects.filter(proposal=proposal).order_by("pk").values_list("state", "version"))
    return proposal.state, proposal.version, proposal.key_supervision, assignments, Proposal.objects.count()


def workbench_posts(item: Proposal) -> list[tuple[str, dict]]:
    pk = item.pk
    return [
        (reverse("workbench:create"), {"title": "领导试图登记的建议", "kind": "suggestion"}),
        (reverse("workbench:register", args=[pk]), {"version": item.version}),
        (reverse("workbench:reject", args=[pk]), {"reason": "不予立案", "version": item.version}),
        (reverse("workbench:assign", args=[pk]), {"mode": "single", "version": item.version}),
        (reverse("workbench:close", args=[pk]), {"comment": "办结", "version": item.version}),
        (reverse("workbench:supervise", args=[pk]), {"kind": "urge", "content": "请加快办理"}),
        (reverse("workbench:key_supervision", args=[pk]), {"selected": "on", "supervisor": "主任会议"}),
        (reverse("workbench:ledger_upload"), {}),
    ]


def test_a_leader_cannot_post_to_any_workbench_page(leader, client, item):
    client.force_login(leader)
    before = snapshot(item)
    for url, data in workbench_posts(item):
        assert client.post(url, data).status_code == 403, url
    assert snapshot(item) == before


def test_a_leader_cannot_open_the_workbench_either(leader, client, item):
    client.force_login(leader)
    assert client.get(reverse("workbench:list")).status_code == 403
    assert client.get(reverse("workbench:detail", args=[item.pk])).status_code == 403


def test_a_leader_cannot_act_for_a_unit_or_a_deputy(leader, client, item):
    client.force_login(leader)
    lead = Assignment.objects.get(proposal=item, role="lead")
    before = snapshot(item)
    for url, data in [
        (reverse("unitportal:sign", args=[lead.pk]), {"version": lead.version}),
        (reverse("unitportal:reply", args=[lead.pk]), {"category": "A", "body": "已解决"}),
        (reverse("unitportal:contact", args=[lead.pk]), {"method": "phone", "summary": "电话沟通"}),
        (reverse("deputy:rate", args=[item.pk]), {"attitude": "satisfied", "result": "satisfied"}),
        (reverse("deputy:meeting", args=[item.pk]), {"message": "希望见面"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert snapshot(item) == before


def test_office_staff_may_post_where_a_leader_may_not(staff, client, item):
    client.force_login(staff)
    response = client.post(
        reverse("workbench:key_supervision", args=[item.pk]),
        {"selected": "on", "supervisor": "主任会议", "version": item.version},
    )
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert item.key_supervision
