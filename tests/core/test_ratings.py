"""Every signer rates: co-signers' own ratings (counted apart) and the office's 代为录入 for the lead deputy."""

import datetime as dt

import pytest
from django_fsm_log.models import StateLog

from proposals import services
from proposals.models import CoSignerEvaluation, Evaluation
from reports.statistics import annual_report
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date


def _replied_with_co_signers(staff, n=2):
    item = s.replied(staff=staff)
    co_signers = [f.deputy() for _ in range(n)]
    item.co_signers.add(*co_signers)
    return fresh(item), co_signers


def _co_rate(item, deputy, *, result="satisfied", reason=""):
    return services.co_signer_evaluation_submit(
        proposal=fresh(item), by=deputy.user, deputy=deputy, attitude="satisfied", result=result, reason=reason
    )


def test_a_co_signers_rating_leaves_the_contracts_figures_unchanged(staff):
    item, (first, second) = _replied_with_co_signers(staff)
    before = annual_report(year=2026, as_of=D(2026, 3, 2))
    _co_rate(item, first, result="unsatisfied", reason="进度太慢")
    _co_rate(item, second, result="basic")
    after = annual_report(year=2026, as_of=D(2026, 3, 2))
    for key in ("totals", "rates", "categories", "fields", "units"):
        assert after[key] == before[key]
    assert fresh(item).state == "replied"  # the lead's rating moves the item, not a co-signer's
    assert (after["follow_up"]["co_signer_evaluated"], after["follow_up"]["co_signer_satisfied"]) == (2, 1)
    assert after["follow_up"]["co_signer_satisfaction_rate"] == 0.5


def test_a_co_signer_rates_once_per_round_and_only_a_co_signer(staff):
    item, (first, _second) = _replied_with_co_signers(staff)
    _co_rate(item, first)
    with refused(item, match="您已对本轮答复作出评价"):
        _co_rate(item, first)
    stranger = f.deputy()
    with refused(item, match="只有本件的附议代表"):
        _co_rate(item, stranger)
    with refused(item, match="请写明意见和理由"):
        services.co_signer_evaluation_submit(
            proposal=fresh(item), by=_second.user, deputy=_second, attitude="unsatisfied", result="basic"
        )
    assert CoSignerEvaluation.objects.count() == 1


def test_the_office_enters_the_lead_deputys_rating_marked_and_counted(staff):
    item = s.replied(staff=staff)
    evaluation = services.evaluation_submit(
        proposal=fresh(item),
        by=staff,
        deputy=item.lead_deputy,
        attitude="satisfied",
        result="basic",
        assisted_channel="phone",
        assisted_reason="代表年事已高，不使用网络",
    )
    stored = Evaluation.objects.get(pk=evaluation.pk)
    assert (stored.is_assisted, stored.assisted_channel, stored.entered_by) == (True, "phone", staff)
    assert fresh(item).state == "closed"
    log = StateLog.objects.filter(object_id=item.pk, transition="evaluate").get()
    assert log.by == staff and log.description.startswith("代为录入（电话）：代表年事已高")
    report = annual_report(year=2026, as_of=D(2026, 3, 2))
    assert report["follow_up"]["assisted_ratings"] == 1
    assert report["totals"]["evaluated_final"] == 1  # it is the deputy's rating of record


def test_an_assisted_rating_needs_staff_a_channel_and_a_reason(staff):
    item = s.replied(staff=staff)
    values = {"deputy": item.lead_deputy, "attitude": "satisfied", "result": "satisfied"}
    with refused(item, match="代为录入评价须写明原因"):
        services.evaluation_submit(proposal=fresh(item), by=staff, assisted_channel="written", **values)
    with refused(item, match="请选择代为录入的方式"):
        services.evaluation_submit(
            proposal=fresh(item), by=staff, assisted_channel="fax", assisted_reason="x", **values
        )
    handler = f.handler_of(s.answering(item)[0].unit)
    with refused(item, match="只有代表工作机构工作人员可以代为录入"):
        services.evaluation_submit(
            proposal=fresh(item), by=handler, assisted_channel="phone", assisted_reason="x", **values
        )
    with refused(item, match="您无权评价"):
        services.evaluation_submit(proposal=fresh(item), by=staff, **values)  # not assisted: the lead deputy only


def _assist_co(item, deputy, by, **extra):
    values = {"attitude": "satisfied", "result": "basic", "assisted_channel": "written", "assisted_reason": "来信评价"}
    return services.co_signer_evaluation_submit(proposal=fresh(item), by=by, deputy=deputy, **{**values, **extra})


def test_the_office_enters_a_co_signers_rating_marked_counted_with_co_signers_not_as_the_leads(staff):
    item, (first, second) = _replied_with_co_signers(staff)
    before = annual_report(year=2026, as_of=D(2026, 3, 2))
    evaluation = _assist_co(item, first, staff, result="unsatisfied", reason="进度太慢", assisted_channel="phone")
    stored = CoSignerEvaluation.objects.get(pk=evaluation.pk)
    assert (stored.is_assisted, stored.assisted_channel, stored.assisted_reason, stored.entered_by) == (
        True,
        "phone",
        "来信评价",
        staff,
    )
    _co_rate(item, second, result="satisfied")  # the other co-signer rates online
    after = annual_report(year=2026, as_of=D(2026, 3, 2))
    for key in ("totals", "rates", "categories", "fields", "units"):
        assert after[key] == before[key]
    assert fresh(item).state == "replied"
    figures = after["follow_up"]
    assert (figures["co_signer_evaluated"], figures["co_signer_satisfied"]) == (2, 1)
    assert figures["assisted_ratings"] == 0, "the contract's assisted ratings are the lead's ratings of record"
    log = StateLog.objects.get(object_id=item.pk, transition="co_signer_assisted_rate")
    assert log.by == staff and f"代为录入附议代表{first.name}的评价（电话）：来信评价" in log.description


def test_a_co_signers_assisted_rating_needs_staff_a_channel_a_reason_and_a_co_signer(staff):
    item, (first, _second) = _replied_with_co_signers(staff)
    with refused(item, match="代为录入评价须写明原因"):
        _assist_co(item, first, staff, assisted_reason="  ")
    with refused(item, match="请选择代为录入的方式"):
        _assist_co(item, first, staff, assisted_channel="fax")
    with refused(item, match="只有代表工作机构工作人员可以代为录入"):
        _assist_co(item, first, first.user)
    with refused(item, match="只有本件的附议代表"):
        _assist_co(item, f.deputy(), staff)
    with refused(item, match="只有本件的附议代表"):
        _assist_co(item, item.lead_deputy, staff)
    _assist_co(item, first, staff)
    with refused(item, match=f"{first.name}代表已对本轮答复作出评价"):
        _assist_co(item, first, staff)
    with refused(item, match="您已对本轮答复作出评价"):
        _co_rate(item, first)  # entered for them: they cannot rate the round again online
    assert CoSignerEvaluation.objects.count() == 1
