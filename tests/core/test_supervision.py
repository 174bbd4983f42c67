"""督办: numbered supervision steps per kind and year, their acknowledgement, and 重点督办 with who and when."""

import datetime as dt

import pytest

from proposals import services
from proposals.models import Proposal, SupervisionAction
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date
NEXT_MONDAY = D(2026, 3, 9)


def issue(item, unit, by, kind="urge", due_on=NEXT_MONDAY, **kw):
    kw.setdefault("content", "请加快办理进度，按期答复代表")
    return services.supervision_issue(proposal=item, unit=unit, by=by, kind=kind, due_on=due_on, **kw)


def test_urges_are_numbered_in_order_within_the_year(staff, emitted):
    item = s.handling(staff=staff)
    unit = s.answering(item)[0].unit
    first, second = issue(item, unit, staff), issue(item, unit, staff)
    assert (first.number, second.number) == ("催〔2026〕1号", "催〔2026〕2号")
    stored = SupervisionAction.objects.get(pk=first.pk)
    assert (stored.issued_by, stored.issued_on, stored.due_on, stored.unit) == (
        staff,
        D(2026, 3, 2),
        D(2026, 3, 9),
        unit,
    )
    assert [name for name, _ in emitted][-2:] == ["supervision_issued", "supervision_issued"]


def test_each_kind_has_its_own_series(staff):
    item = s.handling(staff=staff)
    unit = s.answering(item)[0].unit
    numbers = [issue(item, unit, staff, kind=k).number for k in ("urge", "notice", "urge", "rectification", "notice")]
    assert numbers == ["催〔2026〕1号", "督〔2026〕1号", "催〔2026〕2号", "改〔2026〕1号", "督〔2026〕2号"]


def test_the_numbers_run_across_items_and_restart_each_year(staff, clock):
    first_item, second_item = s.handling(staff=staff), s.handling(staff=staff, title="另一件建议")
    issue(first_item, s.answering(first_item)[0].unit, staff)
    assert issue(second_item, s.answering(second_item)[0].unit, staff).number == "催〔2026〕2号"
    clock.move_to(s.at(D(2027, 1, 5)))
    assert issue(first_item, s.answering(first_item)[0].unit, staff, due_on=D(2027, 1, 12)).number == "催〔2027〕1号"


def test_a_step_dated_in_an_earlier_year_takes_that_years_series(staff, clock):
    item = s.handling(staff=staff)
    unit = s.answering(item)[0].unit
    clock.move_to(s.at(D(2027, 1, 5)))
    issue(item, unit, staff, due_on=D(2027, 1, 12))
    back_dated = issue(item, unit, staff, on=D(2026, 12, 30), due_on=D(2027, 1, 6))
    assert (back_dated.number, back_dated.issued_on) == ("催〔2026〕1号", D(2026, 12, 30))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"due_on": D(2026, 3, 2)}, "晚于今天"),
        ({"due_on": D(2026, 2, 27)}, "晚于今天"),
        ({"on": D(2026, 3, 3), "due_on": D(2026, 3, 9)}, "签发日期不能晚于今天"),
        ({"on": D(2026, 2, 20), "due_on": D(2026, 2, 20)}, "晚于签发日期"),
        ({"content": "  "}, "督办内容"),
        ({"kind": "call"}, "督办方式"),
    ],
)
def test_it_refuses_a_step_with_a_past_deadline_a_future_date_no_content_or_an_unknown_kind(staff, kwargs, message):
    item = s.handling(staff=staff)
    with refused(item, match=message):
        issue(item, s.answering(item)[0].unit, staff, **kwargs)


def test_it_refuses_a_step_to_a_unit_that_is_not_handling_the_item(staff):
    item = s.handling(staff=staff)
    with refused(item, match="不是此件的承办单位"):
        issue(item, f.unit(), staff)


def test_it_refuses_a_step_to_a_unit_that_handed_the_item_back(staff):
    lead_unit, co = f.unit(), f.unit()
    item = s.handling(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    request = services.adjustment_request(assignment=s.assignment_of(item, co), by=f.handler_of(co), reason="职责不符")
    services.adjustment_approve(request=request, by=staff)
    with refused(item, match="不是此件的承办单位"):
        issue(item, co, staff)


def test_the_unit_acknowledges_a_step_with_its_answer(staff, clock):
    item = s.handling(staff=staff)
    unit = s.answering(item)[0].unit
    action = issue(item, unit, staff)
    clock.move_to(s.at(D(2026, 3, 3), hour=9))
    services.supervision_acknowledge(action=action, by=f.handler_of(unit), response="  已召开专题会研究  ")
    stored = fresh(action)
    assert (stored.acknowledged_at, stored.acknowledged_by, stored.response) == (
        s.at(D(2026, 3, 3), hour=9),
        f.handler_of(unit),
        "已召开专题会研究",
    )


def test_a_step_is_acknowledged_only_once(staff, clock):
    item = s.handling(staff=staff)
    unit = s.answering(item)[0].unit
    action = issue(item, unit, staff)
    services.supervision_acknowledge(action=action, by=f.handler_of(unit), response="已收到")
    clock.move_to(s.at(D(2026, 3, 4)))
    with refused(item, match="已签收"):
        services.supervision_acknowledge(action=action, by=f.handler_of(unit), response="再次签收")
    assert fresh(action).response == "已收到"


# --- 重点督办 ------------------------------------------------------------------------------------------


def test_staff_mark_an_item_for_key_supervision_with_who_and_when(staff, clock):
    item = s.handling(staff=staff)
    clock.move_to(s.at(D(2026, 3, 5), hour=15))
    services.key_supervision_set(proposal=item, by=staff, selected=True, supervisor="  主任会议  ", comment="重点民生")
    stored = fresh(item)
    assert (stored.key_supervision, stored.key_supervisor, stored.key_supervision_by, stored.key_supervision_at) == (
        True,
        "主任会议",
        staff,
        s.at(D(2026, 3, 5), hour=15),
    )
    assert stored.version == item.version


def test_unmarking_clears_who_and_when(staff):
    item = s.handling(staff=staff)
    services.key_supervision_set(proposal=item, by=staff, selected=True, supervisor="李主任")
    services.key_supervision_set(proposal=item, by=staff, selected=False, supervisor="李主任")
    stored = fresh(item)
    assert (stored.key_supervision, stored.key_supervisor, stored.key_supervision_by, stored.key_supervision_at) == (
        False,
        "",
        None,
        None,
    )


@pytest.mark.parametrize("state", ["draft", "withdrawn", "rejected", "merged"])
def test_an_invalid_item_cannot_be_chosen_for_key_supervision(staff, state):
    item = f.proposal()
    Proposal.objects.filter(pk=item.pk).update(state=state)
    with refused(item, match="无效件"):
        services.key_supervision_set(proposal=fresh(item), by=staff, selected=True)


def test_a_registered_item_may_be_chosen_before_it_is_assigned(staff):
    item = f.registered(staff=staff)
    services.key_supervision_set(proposal=item, by=staff, selected=True, supervisor="代表工委")
    assert fresh(item).key_supervision is True
