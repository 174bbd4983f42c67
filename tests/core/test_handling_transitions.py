"""Handling on the Proposal machine: 交办 in each mode and the states that follow from the assignments."""

import datetime as dt

import pytest

from proposals import services
from proposals.models import Assignment
from proposals.services._base import fire
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date


def test_single_assignment_gives_one_lead_unit_its_clocks(staff):
    item = f.registered(staff=staff)
    unit = f.unit()
    created = services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[unit])
    stored = fresh(item)
    assert (stored.state, stored.handling_mode, stored.assigned_on, stored.reply_due) == (
        "assigned",
        "single",
        D(2026, 3, 2),
        D(2026, 6, 2),
    )
    (lead,) = created
    lead = fresh(lead)
    assert (lead.unit, lead.role, lead.state, lead.round) == (unit, "lead", "pending_sign", 1)
    assert (lead.sign_due, lead.adjust_until, lead.base_due, lead.due_on) == (
        D(2026, 3, 5),
        D(2026, 3, 16),
        D(2026, 6, 2),
        D(2026, 6, 2),
    )


def test_lead_and_co_assignment_gives_the_co_units_one_month(staff):
    item = f.registered(staff=staff)
    lead_unit, co1, co2 = f.unit(), f.unit(), f.unit()
    services.proposal_assign(proposal=item, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[co1, co2])
    rows = {a.unit: a for a in Assignment.objects.filter(proposal=item)}
    assert {u: a.role for u, a in rows.items()} == {lead_unit: "lead", co1: "co", co2: "co"}
    assert rows[lead_unit].due_on == D(2026, 6, 2)
    assert rows[co1].due_on == rows[co2].due_on == D(2026, 4, 2)
    assert fresh(item).reply_due == D(2026, 6, 2)


def test_split_assignment_makes_every_unit_answer_its_part(staff):
    item = f.registered(staff=staff)
    units = [f.unit(), f.unit(), f.unit()]
    services.proposal_assign(proposal=item, by=staff, mode="split", lead_units=units)
    assert sorted(Assignment.objects.filter(proposal=item).values_list("role", flat=True)) == ["split"] * 3
    assert fresh(item).handling_mode == "split"


def test_a_co_unit_also_chosen_as_lead_is_only_the_lead(staff):
    item = f.registered(staff=staff)
    lead_unit, co = f.unit(), f.unit()
    services.proposal_assign(
        proposal=item, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[lead_unit, co, co]
    )
    assert sorted((a.unit_id, a.role) for a in Assignment.objects.filter(proposal=item)) == sorted(
        [(lead_unit.pk, "lead"), (co.pk, "co")]
    )


@pytest.mark.parametrize(
    ("mode", "leads", "cos", "message"),
    [
        ("single", 2, 0, "单办"),
        ("single", 1, 1, "单办"),
        ("lead_co", 2, 1, "主办单位"),
        ("lead_co", 1, 0, "协办单位"),
        ("split", 1, 0, "分办"),
        ("split", 2, 1, "分办"),
        ("joint", 1, 0, "办理方式"),
        ("single", 0, 0, "单办"),
    ],
)
def test_it_refuses_an_assignment_plan_that_does_not_fit_the_mode(staff, mode, leads, cos, message):
    item = f.registered(staff=staff)
    with refused(item, match=message):
        services.proposal_assign(
            proposal=item,
            by=staff,
            mode=mode,
            lead_units=[f.unit() for _ in range(leads)],
            co_units=[f.unit() for _ in range(cos)],
        )


def test_assignment_emits_the_assigned_event_with_the_new_rows(staff, emitted):
    item = f.registered(staff=staff)
    created = services.proposal_assign(proposal=item, by=staff, mode="single", lead_units=[f.unit()])
    assert [(name, payload["assignments"]) for name, payload in emitted] == [("assigned", created)]


# --- derived: start_handling ------------------------------------------------------------------


def test_the_item_is_handling_only_once_every_unit_has_signed(staff):
    lead_unit, co = f.unit(), f.unit()
    item = f.assigned(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    services.assignment_sign(assignment=s.assignment_of(item, lead_unit), by=f.handler_of(lead_unit))
    assert fresh(item).state == "assigned"
    services.assignment_sign(assignment=s.assignment_of(item, co), by=f.handler_of(co))
    assert fresh(item).state == "handling"
    assert s.transitions(item)[-1] == "start_handling"


@pytest.mark.parametrize("method", ["start_handling", "return_for_reassignment"])
def test_derived_transitions_are_not_fired_by_any_user(staff, method):
    item = f.assigned(staff=staff)
    with refused(item, match="无权"):
        fire(getattr(fresh(item), method), by=staff)


# --- derived: mark_replied ----------------------------------------------------------------------


def test_a_single_unit_reply_makes_the_item_replied_with_its_evaluation_window(staff):
    item = s.handling(staff=staff)
    s.reply(s.answering(item)[0])
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on, stored.latest_replied_on, stored.evaluation_due) == (
        "replied",
        D(2026, 3, 2),
        D(2026, 3, 2),
        D(2026, 4, 2),
    )


def test_a_co_opinion_does_not_answer_the_item_the_lead_reply_does(staff):
    lead_unit, co = f.unit(), f.unit()
    item = s.handling(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    services.opinion_send(assignment=s.assignment_of(item, co), by=f.handler_of(co), body="建议统筹资金")
    assert fresh(item).state == "handling"
    s.reply(s.assignment_of(item, lead_unit))
    assert fresh(item).state == "replied"


def test_the_lead_may_reply_before_a_co_unit_has_even_signed(staff):
    lead_unit, co = f.unit(), f.unit()
    item = f.assigned(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    lead = s.assignment_of(item, lead_unit)
    services.assignment_sign(assignment=lead, by=f.handler_of(lead_unit))
    s.reply(lead)
    assert fresh(item).state == "replied"


def test_a_split_item_is_replied_only_when_the_last_unit_replies(staff, clock):
    units = [f.unit(), f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    first, second, third = (s.assignment_of(item, u) for u in units)
    s.reply(first)
    clock.move_to(s.at(D(2026, 3, 20)))
    s.reply(second)
    assert fresh(item).state == "handling"
    clock.move_to(s.at(D(2026, 4, 10)))
    s.reply(third)
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on, stored.latest_replied_on, stored.evaluation_due) == (
        "replied",
        D(2026, 4, 10),
        D(2026, 4, 10),
        D(2026, 5, 10),
    )


# --- evaluation, re-handling and closing ---------------------------------------------------------


@pytest.mark.parametrize("result", ["satisfied", "basic"])
def test_a_satisfied_or_basically_satisfied_deputy_closes_the_item(staff, result, emitted):
    item = s.replied(staff=staff)
    s.evaluate(item, result=result, attitude="basic")
    stored = fresh(item)
    assert (stored.state, stored.closed_on, stored.closed_unevaluated, stored.evaluation_due) == (
        "closed",
        D(2026, 3, 2),
        False,
        None,
    )
    evaluation = stored.evaluations.get()
    assert (evaluation.round, evaluation.attitude, evaluation.result) == (1, "basic", result)
    assert emitted[-1][0] == "closed"


def test_an_unsatisfied_attitude_with_a_satisfied_result_still_closes_the_item(staff):
    item = s.replied(staff=staff)
    s.evaluate(item, attitude="unsatisfied", result="satisfied", reason="沟通不够")
    assert fresh(item).state == "closed"


def test_an_unsatisfied_result_opens_a_second_round_with_the_rehandling_deadline(staff, clock):
    lead_unit, co = f.unit(), f.unit()
    item = s.replied(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    clock.move_to(s.at(D(2026, 3, 31)))
    s.evaluate(item, result="unsatisfied", reason="问题没有解决")
    stored = fresh(item)
    assert (stored.state, stored.round, stored.rehandle_due, stored.effective_due, stored.evaluation_due) == (
        "rehandling",
        2,
        D(2026, 4, 30),
        D(2026, 4, 30),
        None,
    )
    lead = s.assignment_of(item, lead_unit)
    assert (lead.state, lead.round, lead.due_on, lead.replied_on) == ("handling", 2, D(2026, 4, 30), None)
    co_row = s.assignment_of(item, co)
    assert (co_row.state, co_row.round) == ("opinion_sent", 1)
    assert stored.evaluations.get().round == 1


def test_the_second_round_reply_makes_the_item_replied_again_then_it_closes(staff, clock):
    item = s.rehandling(staff=staff)
    clock.move_to(s.at(D(2026, 3, 25)))
    reply = s.reply(s.answering(item)[0], category="A")
    stored = fresh(item)
    assert reply.round == 2
    assert (stored.state, stored.first_replied_on, stored.latest_replied_on, stored.evaluation_due) == (
        "replied",
        D(2026, 3, 2),
        D(2026, 3, 25),
        D(2026, 4, 25),
    )
    s.evaluate(stored, result="satisfied")
    assert fresh(item).state == "closed"
    assert list(stored.evaluations.values_list("round", "result")) == [(1, "unsatisfied"), (2, "satisfied")]


def test_every_split_unit_rehandles_and_the_item_waits_for_all_of_them(staff):
    units = [f.unit(), f.unit()]
    item = s.rehandling(staff=staff, mode="split", units=units)
    rows = [s.assignment_of(item, u) for u in units]
    assert [(a.state, a.round) for a in rows] == [("handling", 2), ("handling", 2)]
    s.reply(rows[0])
    assert fresh(item).state == "rehandling"
    s.reply(rows[1])
    assert (fresh(item).state, fresh(item).round) == ("replied", 2)


def test_it_refuses_an_unsatisfied_rating_without_a_reason(staff):
    item = s.replied(staff=staff)
    with refused(item, match="理由"):
        services.evaluation_submit(
            proposal=item,
            by=item.lead_deputy.user,
            deputy=item.lead_deputy,
            attitude="satisfied",
            result="unsatisfied",
        )


def test_it_refuses_a_rating_outside_the_scale(staff):
    item = s.replied(staff=staff)
    with refused(item, match="评价"):
        services.evaluation_submit(
            proposal=item, by=item.lead_deputy.user, deputy=item.lead_deputy, attitude="good", result="satisfied"
        )


def test_staff_close_a_replied_item(staff, emitted):
    item = s.replied(staff=staff)
    services.proposal_close(proposal=item, by=staff, comment="B类答复，转入跟踪")
    stored = fresh(item)
    assert (stored.state, stored.closed_on, stored.closed_unevaluated, stored.evaluation_due) == (
        "closed",
        D(2026, 3, 2),
        False,
        None,
    )
    assert emitted[-1][0] == "closed"


def test_items_whose_evaluation_window_lapsed_close_as_unevaluated(staff):
    lapsed = s.replied(staff=staff)
    fresh_reply = s.replied(staff=staff, title="另一件建议")
    type(fresh_reply).objects.filter(pk=fresh_reply.pk).update(evaluation_due=D(2026, 4, 10))
    handling = s.handling(staff=staff, title="办理中的建议")
    assert services.proposals_close_lapsed(on=D(2026, 4, 3)) == 1
    stored = fresh(lapsed)
    assert (stored.state, stored.closed_unevaluated, stored.closed_on, stored.evaluation_due) == (
        "closed",
        True,
        D(2026, 4, 3),
        None,
    )
    assert (fresh(fresh_reply).state, fresh(handling).state) == ("replied", "handling")
    log = s.transitions(lapsed)
    assert log[-1] == "close"


def test_the_window_is_open_on_its_last_day(staff):
    item = s.replied(staff=staff)
    assert services.proposals_close_lapsed(on=D(2026, 4, 2)) == 0
    assert fresh(item).state == "replied"


def test_closing_lapsed_items_twice_closes_nothing_more(staff, clock):
    s.replied(staff=staff)
    clock.move_to(s.at(D(2026, 4, 3)))
    assert services.proposals_close_lapsed() == 1
    assert services.proposals_close_lapsed() == 0
