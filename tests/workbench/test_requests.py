"""The queues of the units' requests: 调整 (hand back / re-assign) and 延期 (extension)."""

import datetime as dt

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Assignment
from tests import factories as f

from . import builders as b
from .support import messages_of, snapshot

pytestmark = pytest.mark.django_db


def approve_adjustment(client, req, **data):
    prefix = f"a{req.pk}"
    payload = {f"{prefix}-{k}": v for k, v in {"target": "none", "version": req.assignment.version, **data}.items()}
    return client.post(reverse("workbench:adjustment_approve", args=[req.pk]), payload)


def deny(client, name, req, prefix, note, version=None):
    version = req.assignment.version if version is None else version
    return client.post(
        reverse(name, args=[req.pk]), {f"{prefix}{req.pk}d-note": note, f"{prefix}{req.pk}d-version": version}
    )


# --- 调整 --------------------------------------------------------------------------------------


def test_the_queue_lists_pending_adjustments_with_the_reason_and_proposed_unit(staff_client, staff):
    _p, _req = b.adjustment_requested(staff=staff, proposed_unit=f.unit(name="市住建局"), title="物业收费的建议")
    page = staff_client.get(reverse("workbench:adjustments")).content.decode()
    assert "物业收费的建议" in page and "不属于本单位职责" in page
    assert "同意，改由市住建局承办" in page


def test_approving_without_a_new_unit_returns_the_item_for_reassignment(staff_client, staff):
    p, req = b.adjustment_requested(staff=staff)
    response = approve_adjustment(staff_client, req, note="同意退回")
    assert response.status_code == 302
    assert "该件待重新交办" in messages_of(response)[0]
    p.refresh_from_db()
    req.refresh_from_db()
    assert (p.state, req.status, req.decision_note) == ("registered", "approved", "同意退回")


def test_approving_to_the_proposed_unit_reassigns_the_item(staff_client, staff):
    housing = f.unit(name="市住建局")
    p, req = b.adjustment_requested(staff=staff, proposed_unit=housing)
    approve_adjustment(staff_client, req, target="proposed")
    p.refresh_from_db()
    assert p.state == "assigned"
    live = Assignment.objects.filter(proposal=p).exclude(state="withdrawn")
    assert [a.unit for a in live] == [housing]


def test_approving_to_another_unit_chosen_by_the_office(staff_client, staff):
    other = f.unit(name="市城管局")
    p, req = b.adjustment_requested(staff=staff, proposed_unit=f.unit(name="市住建局"))
    approve_adjustment(staff_client, req, target="other", other_unit=other.pk)
    assert Assignment.objects.get(proposal=p, state="pending_sign").unit == other


def test_choosing_another_unit_without_naming_it_is_refused(staff_client, staff):
    _p, req = b.adjustment_requested(staff=staff)
    before = snapshot()
    response = approve_adjustment(staff_client, req, target="other")
    assert "请选择改由承办的单位" in response.content.decode()
    assert snapshot() == before


def test_reassigning_to_a_unit_already_on_the_item_is_refused_and_nothing_changes(staff_client, staff):
    lead, co = f.unit(name="市水务局"), f.unit(name="市财政局")
    p = f.assigned(staff=staff, mode="lead_co", units=[lead], co=[co])
    a = Assignment.objects.get(proposal=p, unit=co)
    req = services.adjustment_request(assignment=a, by=f.handler_of(co), reason="不属于本单位职责")
    before = snapshot()
    response = approve_adjustment(staff_client, req, target="other", other_unit=lead.pk)
    assert "市水务局已在办理此件" in response.content.decode()
    assert snapshot() == before


def test_denying_an_adjustment_needs_a_reason(staff_client, staff):
    _p, req = b.adjustment_requested(staff=staff)
    before = snapshot()
    response = deny(staff_client, "workbench:adjustment_deny", req, "a", "  ")
    assert "请填写不同意的理由" in response.content.decode()
    assert snapshot() == before


def test_denying_an_adjustment_keeps_the_unit_on_the_item(staff_client, staff):
    _p, req = b.adjustment_requested(staff=staff)
    response = deny(staff_client, "workbench:adjustment_deny", req, "a", "属于贵单位职责范围")
    assert response.status_code == 302
    req.refresh_from_db()
    a = Assignment.objects.get(pk=req.assignment_id)
    assert (req.status, a.state) == ("denied", "pending_sign")


def test_a_request_decided_in_another_tab_gets_the_conflict_message(staff_client, staff):
    _p, req = b.adjustment_requested(staff=staff)
    version = req.assignment.version
    services.adjustment_deny(request=req, by=staff, note="已处理")
    before = snapshot()
    response = approve_adjustment(staff_client, req, version=version)
    assert "已被他人处理，请刷新后重试" in response.content.decode()
    assert snapshot() == before


# --- 延期 --------------------------------------------------------------------------------------


def approve_extension(client, req, until, version=None):
    version = req.assignment.version if version is None else version
    return client.post(
        reverse("workbench:extension_approve", args=[req.pk]),
        {f"e{req.pk}-until": until, f"e{req.pk}-note": "", f"e{req.pk}-version": version},
    )


def test_the_extension_queue_shows_the_current_due_date_and_the_cap(staff_client, staff):
    _p, _req = b.extension_requested(staff=staff, until=dt.date(2026, 7, 15), title="绿道网络的建议")
    page = staff_client.get(reverse("workbench:extensions")).content.decode()
    assert "绿道网络的建议" in page
    assert "2026-06-02" in page and "2026-07-15" in page and "2026-09-02" in page


def test_approving_an_extension_moves_the_unit_and_item_due_dates(staff_client, staff):
    p, req = b.extension_requested(staff=staff, until=dt.date(2026, 7, 15))
    response = approve_extension(staff_client, req, "2026-07-01")
    assert "已同意" in messages_of(response)[0]
    a = Assignment.objects.get(pk=req.assignment_id)
    p.refresh_from_db()
    assert (str(a.due_on), str(a.extended_to), str(p.extended_to)) == ("2026-07-01", "2026-07-01", "2026-07-01")


def test_an_extension_beyond_the_cap_is_refused_and_the_date_stays_on_the_form(staff_client, staff):
    _p, req = b.extension_requested(staff=staff, until=dt.date(2026, 7, 15))
    before = snapshot()
    response = approve_extension(staff_client, req, "2026-09-03")
    page = response.content.decode()
    assert "延期最长至交办后6个月（2026年09月02日）" in page
    assert 'value="2026-09-03"' in page
    assert snapshot() == before


def test_an_extension_date_is_required(staff_client, staff):
    _p, req = b.extension_requested(staff=staff, until=dt.date(2026, 7, 15))
    response = approve_extension(staff_client, req, "")
    assert "请填写批准延期至的日期" in response.content.decode()


def test_denying_an_extension_needs_a_reason_and_keeps_the_due_date(staff_client, staff):
    _p, req = b.extension_requested(staff=staff, until=dt.date(2026, 7, 15))
    before = snapshot()
    assert "请填写不同意的理由" in deny(staff_client, "workbench:extension_deny", req, "e", "").content.decode()
    assert snapshot() == before
    deny(staff_client, "workbench:extension_deny", req, "e", "时间充足，请按期办结")
    req.refresh_from_db()
    a = Assignment.objects.get(pk=req.assignment_id)
    assert (req.status, str(a.due_on), a.state) == ("denied", "2026-06-02", "handling")


def test_a_double_click_on_approve_extension_is_a_conflict_the_second_time(staff_client, staff):
    _p, req = b.extension_requested(staff=staff, until=dt.date(2026, 7, 15))
    version = req.assignment.version
    approve_extension(staff_client, req, "2026-07-15", version=version)
    second = approve_extension(staff_client, req, "2026-07-15", version=version)
    assert "已被他人处理，请刷新后重试" in second.content.decode()


def test_the_empty_queues_say_so(staff_client):
    assert "没有待审批的调整申请" in staff_client.get(reverse("workbench:adjustments")).content.decode()
    assert "没有待审批的延期申请" in staff_client.get(reverse("workbench:extensions")).content.decode()
