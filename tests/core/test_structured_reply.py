"""The structured reply: 已落实事项, 计划落实事项 with 落实时限, 未采纳理由, 采纳情况, and the office's rules."""

import datetime as dt

import pytest

from proposals import services
from proposals.models import PlannedAction, Reply
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date


def _submit(assignment, **values):
    assignment.refresh_from_db()
    return services.reply_submit(assignment=assignment, by=f.handler_of(assignment.unit), body="答复如下。", **values)


def test_a_b_reply_without_a_planned_action_is_refused(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match="B类的，须写明至少一项计划落实事项"):
        _submit(lead, category="B")
    assert fresh(lead).state == "handling"


def test_a_planned_action_without_its_date_is_refused(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match="第1项计划落实事项未填写落实时限"):
        _submit(lead, category="B", planned=[("完成立项", None)])


def test_a_planned_action_due_before_the_reply_is_refused(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match="落实时限不能早于答复日期"):
        _submit(lead, category="B", planned=[("完成立项", D(2026, 3, 1))])


@pytest.mark.parametrize("category", ["C", "D"])
def test_a_c_or_d_reply_without_a_reason_is_refused(staff, category):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    planned = [("下一阶段规划统筹考虑", D(2026, 12, 31))] if category == "C" else []
    with refused(item, match=f"{category}类的，须写明未采纳或暂不能落实的理由"):
        _submit(lead, category=category, planned=planned)


def test_a_c_reply_needs_both_a_dated_plan_and_a_reason(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match="C类的，须写明至少一项计划落实事项"):
        _submit(lead, category="C", not_adopted_reason="财力有限")


def test_a_b_reply_stores_its_structure_and_numbered_planned_actions(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    reply = _submit(
        lead,
        category="B",
        adoption="partly",
        done_items="  已完成选址论证  ",
        planned=[("完成立项", D(2026, 6, 30)), ("", None), ("开工建设", D(2026, 12, 31))],
    )
    stored = Reply.objects.get(pk=reply.pk)
    assert (stored.adoption, stored.done_items, stored.review_status) == ("partly", "已完成选址论证", "approved")
    actions = list(PlannedAction.objects.filter(reply=reply).values_list("position", "text", "due_on", "status"))
    assert actions == [(1, "完成立项", D(2026, 6, 30), "open"), (2, "开工建设", D(2026, 12, 31), "open")]


def test_an_unknown_adoption_is_refused(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match="请选择采纳情况"):
        _submit(lead, category="A", adoption="maybe")
