"""申请调整: a unit hands an item back inside the window; the office approves (and re-assigns) or denies."""

import datetime as dt

import pytest

from proposals import services
from proposals.errors import ConflictError
from proposals.models import AdjustmentRequest, Assignment
from proposals.selectors import visible_proposals
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date
CLOCK_FIELDS = ("assigned_on", "sign_due", "adjust_until", "base_due", "extended_to", "due_on", "signed_at", "round")


def clocks(assignment: Assignment) -> tuple:
    stored = fresh(assignment)
    return tuple(getattr(stored, name) for name in CLOCK_FIELDS)


def ask(assignment, **kw):
    kw.setdefault("reason", "该事项不属于本单位职责")
    return services.adjustment_request(assignment=assignment, by=f.handler_of(assignment.unit), **kw)


def test_a_unit_asks_to_hand_an_item_back_inside_the_window(staff, emitted):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    request = ask(lead, proposed_unit=(other := f.unit()))
    assert fresh(lead).state == "adjustment_requested"
    stored = AdjustmentRequest.objects.get()
    assert (stored.status, stored.proposed_unit, stored.requested_by) == ("pending", other, f.handler_of(lead.unit))
    assert emitted[-1] == ("adjustment_requested", {"request": request})


def test_an_unsigned_unit_may_also_hand_the_item_back(staff):
    item = f.assigned(staff=staff)
    lead = s.answering(item)[0]
    ask(lead)
    assert fresh(lead).state == "adjustment_requested"


def test_the_last_day_of_the_window_is_still_inside_it(staff, clock):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    clock.move_to(s.at(D(2026, 3, 16), hour=17))
    ask(lead)
    assert fresh(lead).state == "adjustment_requested"


def test_it_rejects_a_late_adjustment_request(staff, clock):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    clock.move_to(s.at(D(2026, 3, 17)))
    with refused(item, match="2026年03月16日"):
        ask(lead)


@pytest.mark.parametrize(("reason", "own_unit", "message"), [("  ", False, "理由"), ("职责不符", True, "本单位")])
def test_it_refuses_a_request_without_reason_or_proposing_the_same_unit(staff, reason, own_unit, message):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match=message):
        ask(lead, reason=reason, proposed_unit=lead.unit if own_unit else None)


def test_it_refuses_a_second_request_while_one_is_pending(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    ask(lead)
    with refused(item, match="申请调整中"):
        ask(fresh(lead))


def test_approving_the_single_units_hand_back_returns_the_item_to_registered(staff, clock):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    request = ask(lead)
    clock.move_to(s.at(D(2026, 3, 4)))
    services.adjustment_approve(request=request, by=staff, note="同意退回")
    stored_lead, stored = fresh(lead), fresh(item)
    assert (stored_lead.state, stored_lead.withdrawn_on) == ("withdrawn", D(2026, 3, 4))
    assert (stored.state, stored.assigned_on) == ("registered", D(2026, 3, 2))
    assert fresh(request).status == "approved"
    assert item not in visible_proposals(f.handler_of(lead.unit))
    assert s.transitions(item)[-2:] == ["approve_adjustment", "return_for_reassignment"]


def test_a_returned_item_is_reassigned_in_the_same_mode_with_fresh_clocks(staff, clock):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0])
    services.adjustment_approve(request=request, by=staff)
    clock.move_to(s.at(D(2026, 3, 6)))
    new_unit = f.unit()
    (created,) = services.proposal_assign(proposal=fresh(item), by=staff, mode="single", lead_units=[new_unit])
    assert clocks(created)[:5] == (D(2026, 3, 6), D(2026, 3, 11), D(2026, 3, 20), D(2026, 6, 6), None)
    stored = fresh(item)
    assert (stored.state, stored.assigned_on, stored.reply_due) == ("assigned", D(2026, 3, 2), D(2026, 6, 6))


def test_a_returned_item_cannot_be_reassigned_in_another_mode(staff):
    item = s.handling(staff=staff)
    services.adjustment_approve(request=ask(s.answering(item)[0]), by=staff)
    with refused(item, match="办理方式"):
        services.proposal_assign(
            proposal=fresh(item), by=staff, mode="split", lead_units=[f.unit(), f.unit()], co_units=[]
        )


def test_the_co_units_keep_their_clocks_when_the_lead_unit_hands_the_item_back(staff, clock):
    lead_unit, co = f.unit(), f.unit()
    item = s.handling(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    co_row = s.assignment_of(item, co)
    co_before = clocks(co_row)
    clock.move_to(s.at(D(2026, 3, 5)))
    request = ask(s.assignment_of(item, lead_unit))
    clock.move_to(s.at(D(2026, 3, 9)))
    new_lead = f.unit()
    services.adjustment_approve(request=request, by=staff, reassign_to=new_lead)

    assert clocks(co_row) == co_before
    assert fresh(co_row).state == "handling"
    replacement = s.assignment_of(item, new_lead)
    assert (replacement.role, replacement.state) == ("lead", "pending_sign")
    assert clocks(replacement)[:5] == (D(2026, 3, 9), D(2026, 3, 12), D(2026, 3, 23), D(2026, 6, 9), None)
    stored = fresh(item)
    assert (stored.state, stored.handling_mode, stored.reply_due) == ("assigned", "lead_co", D(2026, 6, 9))
    assert s.transitions(item)[-3:] == ["approve_adjustment", "return_for_reassignment", "assign"]

    services.assignment_sign(assignment=replacement, by=f.handler_of(new_lead))
    assert fresh(item).state == "handling"


def test_the_other_split_units_keep_their_clocks_and_the_item_keeps_its_state(staff, clock):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    keeper = s.assignment_of(item, units[1])
    before = clocks(keeper)
    request = ask(s.assignment_of(item, units[0]))
    clock.move_to(s.at(D(2026, 3, 10)))
    new_unit = f.unit()
    services.adjustment_approve(request=request, by=staff, reassign_to=new_unit)
    assert clocks(keeper) == before
    assert fresh(item).state == "handling"
    added = s.assignment_of(item, new_unit)
    assert (added.role, added.state, added.assigned_on) == ("split", "pending_sign", D(2026, 3, 10))


def test_a_co_unit_hand_back_leaves_the_lead_handling(staff):
    lead_unit, co = f.unit(), f.unit()
    item = s.handling(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    lead_before = clocks(s.assignment_of(item, lead_unit))
    new_co = f.unit()
    services.adjustment_approve(request=ask(s.assignment_of(item, co)), by=staff, reassign_to=new_co)
    assert fresh(item).state == "handling"
    assert clocks(s.assignment_of(item, lead_unit)) == lead_before
    added = s.assignment_of(item, new_co)
    assert (added.role, added.base_due) == ("co", D(2026, 4, 2))


def test_it_refuses_to_reassign_to_a_unit_already_handling_the_item(staff):
    lead_unit, co = f.unit(), f.unit()
    item = s.handling(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    request = ask(s.assignment_of(item, co))
    with refused(item, match="已在办理"):
        services.adjustment_approve(request=request, by=staff, reassign_to=lead_unit)
    assert fresh(request).status == "pending"


@pytest.mark.parametrize(("signed", "back_to"), [(True, "handling"), (False, "pending_sign")])
def test_a_denied_request_returns_the_unit_to_where_it_was(staff, signed, back_to):
    item = s.handling(staff=staff) if signed else f.assigned(staff=staff)
    lead = s.answering(item)[0]
    before = clocks(lead)
    request = ask(lead)
    services.adjustment_deny(request=request, by=staff, note="属于本单位职责，请继续办理")
    assert (fresh(lead).state, clocks(lead)) == (back_to, before)
    assert (fresh(request).status, fresh(request).decided_by) == ("denied", staff)


def test_it_refuses_a_denial_without_a_note(staff):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0])
    with refused(item, match="理由"):
        services.adjustment_deny(request=request, by=staff, note="")


@pytest.mark.parametrize("first", ["approve", "deny"])
def test_a_request_is_decided_only_once(staff, first):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0])
    if first == "approve":
        services.adjustment_approve(request=request, by=staff)
    else:
        services.adjustment_deny(request=request, by=staff, note="请继续办理")
    with refused(item, error=ConflictError, match="已被他人处理"):
        services.adjustment_approve(request=request, by=staff)
    with refused(item, error=ConflictError):
        services.adjustment_deny(request=request, by=staff, note="请继续办理")


def test_a_unit_that_asked_for_an_extension_cannot_also_hand_back(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    services.extension_request(assignment=lead, by=f.handler_of(lead.unit), until=D(2026, 7, 1), reason="需调研")
    with refused(item, match="申请延期中"):
        ask(fresh(lead))


def test_a_replied_unit_cannot_hand_back(staff):
    item = s.replied(staff=staff)
    with refused(item, match="已答复"):
        ask(s.answering(item)[0])


def test_when_the_only_unsigned_co_unit_hands_back_the_item_starts_handling(staff):
    lead_unit, co = f.unit(), f.unit()
    item = f.assigned(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    services.assignment_sign(assignment=s.assignment_of(item, lead_unit), by=f.handler_of(lead_unit))
    request = ask(s.assignment_of(item, co))
    assert fresh(item).state == "assigned"
    services.adjustment_approve(request=request, by=staff)
    assert fresh(item).state == "handling"


def test_when_the_last_unanswered_split_unit_hands_back_the_item_is_replied(staff, clock):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    s.reply(s.assignment_of(item, units[0]))
    request = ask(s.assignment_of(item, units[1]))
    clock.move_to(s.at(D(2026, 3, 5)))
    services.adjustment_approve(request=request, by=staff)
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on, stored.evaluation_due) == ("replied", D(2026, 3, 2), D(2026, 4, 2))


def test_a_split_part_handed_back_and_reassigned_keeps_the_item_waiting_for_the_new_unit(staff, clock):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    s.reply(s.assignment_of(item, units[0]))
    request = ask(s.assignment_of(item, units[1]))
    clock.move_to(s.at(D(2026, 3, 5)))
    new_unit = f.unit()
    services.adjustment_approve(request=request, by=staff, reassign_to=new_unit)
    assert (fresh(item).state, fresh(item).evaluation_due) == ("handling", None)
    added = s.assignment_of(item, new_unit)
    services.assignment_sign(assignment=added, by=f.handler_of(new_unit))
    clock.move_to(s.at(D(2026, 4, 1)))
    s.reply(added)
    stored = fresh(item)
    assert (stored.state, stored.first_replied_on, stored.reply_due) == ("replied", D(2026, 4, 1), D(2026, 6, 5))
