"""答复审查: with the rule on, a reply waits for the office; approve, return with a reason, correct the category."""

import datetime as dt

import pytest
from django_fsm_log.models import StateLog

from proposals import services
from proposals.models import HandlingRules, Reply, ReplyReview
from tests import factories as f
from tests.core import support as s
from tests.core.support import at, fresh, refused

pytestmark = [pytest.mark.django_db, pytest.mark.reply_review]

D = dt.date


def _submit(assignment, *, category="B", on=None, body="答复如下。"):
    assignment.refresh_from_db()
    return services.reply_submit(
        assignment=assignment,
        by=f.handler_of(assignment.unit),
        category=category,
        body=body,
        replied_on=on,
        **f.reply_rules(category),
    )


def test_the_review_is_on_by_default():
    assert HandlingRules.current().reply_review is True


def test_a_submitted_reply_waits_for_review_and_the_item_is_not_replied(staff, emitted):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    reply = _submit(lead)
    assert fresh(reply).review_status == "pending"
    assert fresh(lead).state == "replied"
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on, stored.evaluation_due) == ("handling", None, None)
    assert "reply_released" not in [name for name, _ in emitted]


def test_an_approved_reply_is_the_reply_of_record_dated_when_the_unit_submitted_it(staff, clock, emitted):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    reply = _submit(lead)
    clock.move_to(at(D(2026, 3, 6)))
    services.reply_approve(reply=fresh(reply), by=staff)
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on) == ("replied", D(2026, 3, 2))
    assert fresh(reply).review_status == "approved" and fresh(reply).released_at is not None
    assert [name for name, _ in emitted].count("reply_released") == 1
    review = ReplyReview.objects.get(reply=reply)
    assert (review.decision, review.decided_by, review.decided_on) == ("approve", staff, D(2026, 3, 6))


def test_a_returned_reply_goes_back_to_the_unit_whose_clock_keeps_running(staff, clock):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    due = fresh(lead).due_on
    reply = _submit(lead, body="原则同意，正在研究。")
    clock.move_to(at(D(2026, 3, 4)))
    services.reply_return(reply=fresh(reply), by=staff, reason="答复笼统，未写明具体措施")
    row = fresh(lead)
    assert (row.state, row.replied_on, row.due_on) == ("handling", None, due)
    assert fresh(reply).review_status == "returned"
    assert fresh(item).state == "handling"
    review = ReplyReview.objects.get(reply=reply)
    assert (review.decision, review.reason, review.submitted_on) == (
        "return",
        "答复笼统，未写明具体措施",
        D(2026, 3, 2),
    )
    assert review.snapshot["body"] == "原则同意，正在研究。"

    clock.move_to(at(D(2026, 3, 9)))
    revised = _submit(lead, body="已列入年度计划，6月底前完成。")
    assert revised.pk == reply.pk and fresh(revised).review_status == "pending"
    services.reply_approve(reply=fresh(revised), by=staff)
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on) == ("replied", D(2026, 3, 9))
    assert Reply.objects.filter(proposal=item).count() == 1


def test_returning_needs_a_reason_and_only_staff_review(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    reply = _submit(lead)
    with refused(item, match="退回答复须写明理由"):
        services.reply_return(reply=fresh(reply), by=staff, reason="  ")
    with refused(item, match="只有代表工作机构工作人员可以审查答复"):
        services.reply_approve(reply=fresh(reply), by=f.handler_of(lead.unit))
    assert fresh(reply).review_status == "pending"


def test_a_reply_approved_twice_is_refused_the_second_time(staff):
    item = s.handling(staff=staff)
    reply = _submit(s.answering(item)[0])
    services.reply_approve(reply=fresh(reply), by=staff)
    with refused(item, match="已由他人处理"):
        services.reply_approve(reply=fresh(reply), by=staff)


def test_a_category_correction_is_audited_with_who_and_why(staff):
    item = s.handling(staff=staff)
    reply = _submit(s.answering(item)[0], category="B")
    services.reply_correct_category(reply=fresh(reply), by=staff, category="C", reason="所列措施需待以后条件具备")
    assert fresh(reply).category == "C"
    review = ReplyReview.objects.get(reply=reply, decision="correct")
    assert (review.from_category, review.to_category, review.decided_by, review.reason) == (
        "B",
        "C",
        staff,
        "所列措施需待以后条件具备",
    )
    log = StateLog.objects.filter(transition="reply_correct_category", object_id=item.pk).get()
    assert log.by == staff and "由B类更正为C类：所列措施需待以后条件具备" in log.description


def test_a_category_correction_without_a_reason_or_to_the_same_category_is_refused(staff):
    item = s.handling(staff=staff)
    reply = _submit(s.answering(item)[0], category="B")
    with refused(item, match="更正答复类别须写明理由"):
        services.reply_correct_category(reply=fresh(reply), by=staff, category="A", reason="")
    with refused(item, match="已经是B类"):
        services.reply_correct_category(reply=fresh(reply), by=staff, category="B", reason="核对")


def test_a_split_item_is_replied_only_when_every_units_reply_is_approved(staff):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    first, second = (_submit(a, category="A") for a in s.answering(item))
    services.reply_approve(reply=fresh(first), by=staff)
    assert fresh(item).state == "handling"
    services.reply_approve(reply=fresh(second), by=staff)
    assert fresh(item).state == "replied"


def test_with_the_review_turned_off_a_reply_reaches_the_deputy_at_once(staff, emitted):
    rules = HandlingRules.current()
    rules.reply_review = False
    rules.save(update_fields=["reply_review"])
    item = s.handling(staff=staff)
    reply = _submit(s.answering(item)[0])
    assert fresh(reply).review_status == "approved"
    assert (fresh(item).state, fresh(item).first_replied_on) == ("replied", D(2026, 3, 2))
    assert not ReplyReview.objects.exists()
