"""申请延期: an answering unit asks for a later deadline, capped at six months after 交办."""

import datetime as dt

import pytest

from proposals import services
from proposals.errors import ConflictError
from proposals.models import ExtensionRequest
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date


def ask(assignment, until, reason="涉及多部门协调，需延长办理时间"):
    return services.extension_request(
        assignment=assignment, by=f.handler_of(assignment.unit), until=until, reason=reason
    )


def test_an_answering_unit_asks_for_a_later_deadline(staff, emitted):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    request = ask(lead, D(2026, 8, 1))
    assert fresh(lead).state == "extension_requested"
    assert (request.status, request.requested_until, fresh(lead).due_on) == ("pending", D(2026, 8, 1), D(2026, 6, 2))
    assert emitted[-1] == ("extension_requested", {"request": request})


def test_the_cap_day_six_months_after_assignment_may_be_asked_for(staff):
    item = s.handling(staff=staff)
    ask(s.answering(item)[0], D(2026, 9, 2))
    assert ExtensionRequest.objects.get().requested_until == D(2026, 9, 2)


@pytest.mark.parametrize(
    ("until", "message"),
    [(D(2026, 9, 3), "2026年09月02日"), (D(2026, 6, 2), "晚于当前期限"), (D(2026, 5, 1), "晚于当前期限")],
)
def test_it_refuses_a_date_past_the_cap_or_not_after_the_deadline(staff, until, message):
    item = s.handling(staff=staff)
    with refused(item, match=message):
        ask(s.answering(item)[0], until)


def test_it_refuses_an_extension_without_a_reason(staff):
    item = s.handling(staff=staff)
    with refused(item, match="理由"):
        ask(s.answering(item)[0], D(2026, 7, 1), reason=" ")


def test_a_co_unit_cannot_ask_for_an_extension(staff):
    co = f.unit()
    item = s.handling(staff=staff, mode="lead_co", co=[co])
    with refused(item, match="协办单位"):
        ask(s.assignment_of(item, co), D(2026, 5, 1))


def test_an_unsigned_unit_cannot_ask_for_an_extension(staff):
    item = f.assigned(staff=staff)
    with refused(item, match="待签收"):
        ask(s.answering(item)[0], D(2026, 7, 1))


def test_an_approved_extension_moves_the_units_and_the_items_deadline(staff, clock, emitted):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    request = ask(lead, D(2026, 8, 1))
    clock.move_to(s.at(D(2026, 3, 3)))
    services.extension_approve(request=request, by=staff)
    stored_lead, stored = fresh(lead), fresh(item)
    assert (stored_lead.state, stored_lead.base_due, stored_lead.extended_to, stored_lead.due_on) == (
        "handling",
        D(2026, 6, 2),
        D(2026, 8, 1),
        D(2026, 8, 1),
    )
    assert (stored.reply_due, stored.extended_to, stored.effective_due) == (D(2026, 6, 2), D(2026, 8, 1), D(2026, 8, 1))
    decided = fresh(request)
    assert (decided.status, decided.approved_until, decided.decided_by) == ("approved", D(2026, 8, 1), staff)
    assert emitted[-1][0] == "due_changed"


def test_the_office_may_approve_a_shorter_extension_than_asked(staff):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0], D(2026, 9, 1))
    services.extension_approve(request=request, by=staff, until=D(2026, 7, 15), note="延期至7月15日")
    assert (fresh(item).extended_to, fresh(request).approved_until) == (D(2026, 7, 15), D(2026, 7, 15))


@pytest.mark.parametrize(("until", "message"), [(D(2026, 9, 3), "6个月"), (D(2026, 6, 1), "晚于当前期限")])
def test_the_office_cannot_approve_past_the_cap_or_before_the_deadline(staff, until, message):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0], D(2026, 8, 1))
    with refused(item, match=message):
        services.extension_approve(request=request, by=staff, until=until)


def test_a_denied_extension_keeps_the_deadline(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    request = ask(lead, D(2026, 8, 1))
    services.extension_deny(request=request, by=staff, note="请按期办理")
    assert (fresh(lead).state, fresh(lead).due_on, fresh(lead).extended_to) == ("handling", D(2026, 6, 2), None)
    assert (fresh(item).extended_to, fresh(request).status) == (None, "denied")


def test_it_refuses_a_denial_without_a_note(staff):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0], D(2026, 8, 1))
    with refused(item, match="理由"):
        services.extension_deny(request=request, by=staff, note="  ")


def test_a_second_extension_must_go_beyond_the_first(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    services.extension_approve(request=ask(lead, D(2026, 7, 1)), by=staff)
    with refused(item, match="2026年07月01日"):
        ask(fresh(lead), D(2026, 6, 20))
    services.extension_approve(request=ask(fresh(lead), D(2026, 9, 2)), by=staff)
    assert fresh(item).extended_to == D(2026, 9, 2)


def test_a_split_item_is_extended_to_its_latest_units_date(staff):
    units = [f.unit(), f.unit()]
    item = s.handling(staff=staff, mode="split", units=units)
    services.extension_approve(request=ask(s.assignment_of(item, units[0]), D(2026, 8, 20)), by=staff)
    services.extension_approve(request=ask(s.assignment_of(item, units[1]), D(2026, 7, 10)), by=staff)
    assert fresh(item).extended_to == D(2026, 8, 20)
    assert fresh(s.assignment_of(item, units[1])).due_on == D(2026, 7, 10)


@pytest.mark.parametrize("first", ["approve", "deny"])
def test_an_extension_request_is_decided_only_once(staff, first):
    item = s.handling(staff=staff)
    request = ask(s.answering(item)[0], D(2026, 8, 1))
    if first == "approve":
        services.extension_approve(request=request, by=staff)
    else:
        services.extension_deny(request=request, by=staff, note="请按期办理")
    with refused(item, error=ConflictError, match="已被他人处理"):
        services.extension_approve(request=request, by=staff)
    with refused(item, error=ConflictError):
        services.extension_deny(request=request, by=staff, note="请按期办理")


def test_a_unit_waiting_for_its_extension_cannot_reply_yet(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    ask(lead, D(2026, 8, 1))
    with refused(item, match="申请延期中"):
        s.reply(lead)
