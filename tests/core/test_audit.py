"""The audit trail of an item: every transition of it and its assignments, plus 重点督办 and supervision, in order."""

import datetime as dt

import pytest

from proposals import services
from proposals.selectors import audit_trail
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh

pytestmark = pytest.mark.django_db

D = dt.date


def rows(item):
    return [
        (r.transition, r.source_state, r.state, r.by.username if r.by else None, r.description or "")
        for r in audit_trail(item)
    ]


def test_the_trail_reads_back_the_whole_handling_in_order_with_actors_and_comments(staff, clock):
    lead_deputy = f.deputy()
    lead_unit, co = f.unit(name="市住房城乡建设委"), f.unit(name="市财政局")
    lead_user, co_user = f.handler_of(lead_unit), f.handler_of(co)
    item = f.proposal(lead=lead_deputy)
    services.proposal_submit(proposal=item, by=lead_deputy.user, comment="请审议")
    services.proposal_register(proposal=item, by=staff, comment="符合立案条件")
    services.proposal_assign(
        proposal=item, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[co], comment="请认真办理"
    )
    services.key_supervision_set(
        proposal=fresh(item), by=staff, selected=True, supervisor="主任会议", comment="群众关注度高"
    )
    clock.move_to(s.at(D(2026, 3, 3)))
    lead, co_row = s.assignment_of(item, lead_unit), s.assignment_of(item, co)
    services.assignment_sign(assignment=lead, by=lead_user)
    services.assignment_sign(assignment=co_row, by=co_user)
    services.extension_request(assignment=fresh(lead), by=lead_user, until=D(2026, 8, 1), reason="需要调研论证")
    services.extension_approve(request=lead.extension_requests.get(), by=staff, note="同意延期")
    clock.move_to(s.at(D(2026, 3, 10)))
    services.supervision_issue(
        proposal=item, unit=lead_unit, by=staff, kind="urge", content="请加快办理", due_on=D(2026, 3, 17)
    )
    services.opinion_send(assignment=fresh(co_row), by=co_user, body="同意主办单位意见")
    services.reply_submit(assignment=fresh(lead), by=lead_user, category="B", **f.reply_rules("B"), body="正在推进")
    services.evaluation_submit(
        proposal=fresh(item),
        by=lead_deputy.user,
        deputy=lead_deputy,
        attitude="satisfied",
        result="unsatisfied",
        reason="进度太慢",
    )
    services.reply_submit(assignment=fresh(lead), by=lead_user, category="A", body="已解决")
    services.evaluation_submit(
        proposal=fresh(item), by=lead_deputy.user, deputy=lead_deputy, attitude="satisfied", result="satisfied"
    )

    deputy, lu, cu = lead_deputy.user.username, lead_user.username, co_user.username
    assert rows(item) == [
        ("submit", "draft", "submitted", deputy, "请审议"),
        ("register", "submitted", "registered", "office", "符合立案条件"),
        ("assign", "registered", "assigned", "office", "请认真办理"),
        ("key_supervision", "assigned", "assigned", "office", "列为重点督办：主任会议，群众关注度高"),
        ("sign", "pending_sign", "handling", lu, ""),
        ("sign", "pending_sign", "handling", cu, ""),
        ("start_handling", "assigned", "handling", cu, "承办单位均已签收"),
        ("request_extension", "handling", "extension_requested", lu, "需要调研论证"),
        ("approve_extension", "extension_requested", "handling", "office", "同意延期"),
        ("supervision", "handling", "handling", "office", "催办 催〔2026〕1号：请加快办理"),
        ("send_opinion", "handling", "opinion_sent", cu, ""),
        ("reply", "handling", "replied", lu, ""),
        ("mark_replied", "handling", "replied", lu, "承办单位均已答复"),
        ("evaluate", "replied", "rehandling", deputy, "进度太慢"),
        ("rehandle", "replied", "handling", deputy, "代表不满意，重新办理"),
        ("reply", "handling", "replied", lu, ""),
        ("mark_replied", "rehandling", "replied", lu, "承办单位均已答复"),
        ("evaluate", "replied", "closed", deputy, ""),
    ]
    moments = [r.timestamp for r in audit_trail(item)]
    assert moments == sorted(moments)
    assert (moments[0], moments[-1]) == (s.at(D(2026, 3, 2)), s.at(D(2026, 3, 10)))


def test_a_hand_back_and_the_re_assignment_stay_in_the_trail(staff, clock):
    lead_unit, new_unit = f.unit(), f.unit()
    item = s.handling(staff=staff, units=[lead_unit])
    lead = s.assignment_of(item, lead_unit)
    request = services.adjustment_request(assignment=lead, by=f.handler_of(lead_unit), reason="不属于本单位职责")
    clock.move_to(s.at(D(2026, 3, 4)))
    services.adjustment_approve(request=request, by=staff, note="同意，改由他单位办理", reassign_to=new_unit)
    assert [(t, by, text) for t, _src, _dst, by, text in rows(item)][-4:] == [
        ("request_adjustment", f.handler_of(lead_unit).username, "不属于本单位职责"),
        ("approve_adjustment", "office", "同意，改由他单位办理"),
        ("return_for_reassignment", "office", "承办单位调整，待重新交办"),
        ("assign", "office", ""),
    ]
    assert audit_trail(item)[-1].timestamp == s.at(D(2026, 3, 4))


def test_closing_a_lapsed_item_is_recorded_without_an_actor(staff):
    item = s.replied(staff=staff)
    services.proposals_close_lapsed(on=D(2026, 4, 3))
    assert rows(item)[-1] == ("close", "replied", "closed", None, "评价期限届满，代表未表态，自动办结")


def test_unmarking_key_supervision_is_recorded_too(staff, leader):
    item = s.handling(staff=staff)
    services.key_supervision_set(proposal=item, by=staff, selected=True, supervisor="李主任")
    services.key_supervision_set(proposal=item, by=staff, selected=False, comment="已基本解决")
    assert [r[4] for r in rows(item) if r[0] == "key_supervision"] == [
        "列为重点督办：李主任",
        "取消重点督办，已基本解决",
    ]


def test_the_trail_of_an_item_holds_nothing_of_other_items(staff):
    item = s.handling(staff=staff)
    other = s.replied(staff=staff, title="另一件")
    services.key_supervision_set(proposal=other, by=staff, selected=True)
    mine = audit_trail(item)
    assert [r.transition for r in mine] == ["submit", "register", "assign", "sign", "start_handling"]
    assert {r.object_id for r in mine} == {item.pk, *item.assignments.values_list("pk", flat=True)}
