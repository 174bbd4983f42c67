"""交办 from the workbench: modes, units, the suggested dates, and the Chinese errors."""

import datetime as dt

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Assignment
from tests import factories as f

from . import builders as b
from .support import messages_of, snapshot

pytestmark = pytest.mark.django_db


def url(p):
    return reverse("workbench:assign", args=[p.pk])


def roles(p):
    return dict(Assignment.objects.filter(proposal=p).values_list("unit__name", "role"))


def test_the_form_shows_the_dates_the_assignment_will_get(staff_client, staff):
    p = f.registered(staff=staff)
    page = staff_client.get(url(p)).content.decode()
    # Assigned on Monday 2026-03-02: sign in 3 working days, adjust in 10, reply in 3 months, co in 1, cap 6.
    for label, day in [
        ("签收期限", "2026年3月5日"),
        ("申请调整截止", "2026年3月16日"),
        ("答复期限", "2026年6月2日"),
        ("协办意见期限", "2026年4月2日"),
        ("延期最长至", "2026年9月2日"),
    ]:
        assert label in page and day in page


def test_a_single_unit_assignment(staff_client, staff):
    p = f.registered(staff=staff)
    unit = f.unit(name="市水务局")
    response = staff_client.post(url(p), {"mode": "single", "lead_units": [unit.pk], "version": p.version})
    assert response.status_code == 302
    assert "已交办：市水务局" in messages_of(response)
    p.refresh_from_db()
    assert (p.state, p.handling_mode, str(p.reply_due)) == ("assigned", "single", "2026-06-02")
    assert roles(p) == {"市水务局": "lead"}


def test_a_lead_and_co_units_assignment(staff_client, staff):
    p = f.registered(staff=staff)
    lead, co1, co2 = f.unit(name="市住建局"), f.unit(name="市财政局"), f.unit(name="市规划局")
    staff_client.post(
        url(p),
        {
            "mode": "lead_co",
            "lead_units": [lead.pk],
            "co_units": [co1.pk, co2.pk],
            "comment": "请会同办理",
            "version": p.version,
        },
    )
    assert roles(p) == {"市住建局": "lead", "市财政局": "co", "市规划局": "co"}
    co = Assignment.objects.get(proposal=p, unit=co1)
    assert str(co.due_on) == "2026-04-02"


def test_a_split_assignment_to_two_units(staff_client, staff):
    p = f.registered(staff=staff)
    u1, u2 = f.unit(name="市教育局"), f.unit(name="市体育局")
    staff_client.post(url(p), {"mode": "split", "lead_units": [u1.pk, u2.pk], "version": p.version})
    assert roles(p) == {"市教育局": "split", "市体育局": "split"}


@pytest.mark.parametrize(
    ("mode", "leads", "cos", "message"),
    [
        ("split", 1, 0, "分办须选择两个或以上承办单位，不设协办单位"),
        ("single", 2, 0, "单办须且只能选择一个承办单位，不能有协办单位"),
        ("lead_co", 1, 0, "主办协办须至少选择一个协办单位"),
        ("lead_co", 2, 1, "主办协办须选择一个主办单位"),
    ],
)
def test_a_wrong_number_of_units_is_refused_in_chinese_and_nothing_changes(
    staff_client, staff, mode, leads, cos, message
):
    p = f.registered(staff=staff)
    units = [f.unit() for _ in range(leads + cos)]
    before = snapshot()
    response = staff_client.post(
        url(p),
        {
            "mode": mode,
            "lead_units": [u.pk for u in units[:leads]],
            "co_units": [u.pk for u in units[leads:]],
            "version": p.version,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert snapshot() == before
    for unit in units:
        assert f'value="{unit.pk}" selected' in page, "the chosen units stay on the form"


def test_no_unit_chosen_is_refused(staff_client, staff):
    p = f.registered(staff=staff)
    response = staff_client.post(url(p), {"mode": "single", "version": p.version})
    assert "请选择承办单位" in response.content.decode()
    p.refresh_from_db()
    assert p.state == "registered"


def test_a_stale_form_gets_the_conflict_message(staff_client, staff):
    p = f.registered(staff=staff)
    stale = p.version
    services.proposal_assign(proposal=p, by=staff, mode="single", lead_units=[f.unit()])
    before = snapshot()
    response = staff_client.post(url(p), {"mode": "single", "lead_units": [f.unit().pk], "version": stale})
    assert "已被他人处理，请刷新后重试" in response.content.decode()
    after = snapshot()
    assert after["assignments"] == before["assignments"]


def test_an_item_not_yet_registered_cannot_be_assigned(staff_client):
    p = b.submitted()
    page = staff_client.get(url(p)).content.decode()
    assert "不能交办" in page
    response = staff_client.post(url(p), {"mode": "single", "lead_units": [f.unit().pk], "version": p.version})
    assert "当前状态为「已提交」，不能交办" in response.content.decode()
    assert not Assignment.objects.filter(proposal=p).exists()


def test_an_item_handed_back_is_reassigned_keeping_the_other_units_clocks(staff_client, staff, travel):
    water, finance, planning = f.unit(name="市水务局"), f.unit(name="市财政局"), f.unit(name="市规划局")
    p = f.assigned(staff=staff, mode="lead_co", units=[water], co=[finance])
    a = Assignment.objects.get(proposal=p, unit=water)
    req = services.adjustment_request(assignment=a, by=f.handler_of(water), reason="不属于本单位职责")
    services.adjustment_approve(request=req, by=staff)
    travel(dt.date(2026, 3, 9))
    p.refresh_from_db()
    assert p.state == "registered"
    page = staff_client.get(url(p)).content.decode()
    assert "此件曾由以下单位办理" in page
    assert f'value="{finance.pk}" selected' in page, "the co-unit still handling it is kept in the plan"
    response = staff_client.post(
        url(p), {"mode": "lead_co", "lead_units": [planning.pk], "co_units": [finance.pk], "version": p.version}
    )
    assert "已交办：市规划局" in messages_of(response)
    kept = Assignment.objects.get(proposal=p, unit=finance)
    new = Assignment.objects.get(proposal=p, unit=planning)
    assert (str(kept.assigned_on), str(new.assigned_on), new.role) == ("2026-03-02", "2026-03-09", "lead")


def test_the_unit_search_finds_active_units(staff_client):
    f.unit(name="市水务局")
    closed = f.unit(name="市水利局")
    closed.active = False
    closed.save(update_fields=["active"])
    results = staff_client.get(reverse("workbench:search_units"), {"q": "水"}).json()["results"]
    assert [r["text"] for r in results] == ["市水务局"]
