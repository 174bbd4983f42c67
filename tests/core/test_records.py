"""Contacts, progress notes and meeting requests: dated no later than today, and only by units that signed."""

import datetime as dt

import pytest

from proposals import services
from proposals.models import Contact, MeetingRequest, ProgressNote
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date


def log_contact(row, **kw):
    values = {"method": "meeting", "contacted_on": D(2026, 3, 2), "summary": "面谈了解诉求"} | kw
    return services.contact_log(assignment=row, by=f.handler_of(row.unit), **values)


def test_a_signed_unit_logs_a_contact_with_the_deputy(staff):
    item = s.handling(staff=staff)
    row = s.answering(item)[0]
    contact = log_contact(row, method="visit", summary="  上门走访  ", participants=" 张代表、王科长 ")
    stored = Contact.objects.get(pk=contact.pk)
    assert (stored.proposal_id, stored.unit, stored.method, stored.contacted_on) == (
        item.pk,
        row.unit,
        "visit",
        D(2026, 3, 2),
    )
    assert (stored.summary, stored.participants, stored.created_by) == (
        "上门走访",
        "张代表、王科长",
        f.handler_of(row.unit),
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"contacted_on": D(2026, 3, 3)}, "不能晚于今天"),
        ({"contacted_on": D(2026, 3, 1)}, "早于交办日期"),
        ({"method": "wechat"}, "沟通方式"),
    ],
)
def test_it_refuses_a_contact_dated_ahead_before_assignment_or_of_an_unknown_kind(staff, kwargs, message):
    item = s.handling(staff=staff)
    with refused(item, match=message):
        log_contact(s.answering(item)[0], **kwargs)


def test_an_unsigned_unit_cannot_log_contacts_or_progress(staff):
    item = f.assigned(staff=staff)
    row = s.answering(item)[0]
    with refused(item, match="请先签收"):
        log_contact(row)
    with refused(item, match="请先签收"):
        services.progress_add(assignment=row, by=f.handler_of(row.unit), body="已调研")


def test_a_unit_that_handed_the_item_back_logs_nothing_more(staff):
    lead_unit, co = f.unit(), f.unit()
    item = s.handling(staff=staff, mode="lead_co", units=[lead_unit], co=[co])
    row = s.assignment_of(item, co)
    services.adjustment_request(assignment=row, by=f.handler_of(co), reason="职责不符")
    with refused(item, match="请先签收"):
        log_contact(fresh(row))
    services.adjustment_approve(request=row.adjustment_requests.get(), by=staff)
    with refused(item, match="请先签收"):
        log_contact(fresh(row))


def test_a_unit_keeps_in_touch_after_replying_and_while_waiting_for_an_extension(staff):
    item = s.replied(staff=staff)
    log_contact(s.answering(item)[0])
    other = s.handling(staff=staff, title="另一件")
    row = s.answering(other)[0]
    services.extension_request(assignment=row, by=f.handler_of(row.unit), until=D(2026, 7, 1), reason="需协调")
    log_contact(fresh(row))
    assert Contact.objects.count() == 2


def test_a_signed_unit_posts_progress_dated_today_by_default(staff, clock):
    item = s.handling(staff=staff)
    row = s.answering(item)[0]
    clock.move_to(s.at(D(2026, 3, 20)))
    note = services.progress_add(assignment=row, by=f.handler_of(row.unit), body="  已完成方案编制  ")
    stored = ProgressNote.objects.get(pk=note.pk)
    assert (stored.noted_on, stored.body, stored.unit, stored.proposal_id) == (
        D(2026, 3, 20),
        "已完成方案编制",
        row.unit,
        item.pk,
    )


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"body": " "}, "办理进展"), ({"noted_on": D(2026, 3, 3)}, "不能晚于今天")]
)
def test_it_refuses_empty_or_future_progress(staff, kwargs, message):
    item = s.handling(staff=staff)
    row = s.answering(item)[0]
    values = {"body": "已调研"} | kwargs
    with refused(item, match=message):
        services.progress_add(assignment=row, by=f.handler_of(row.unit), **values)


# --- meeting requests ------------------------------------------------------------------------------


def ask_meeting(item, deputy, message="希望与承办单位当面沟通"):
    return services.meeting_request(proposal=item, by=deputy.user, deputy=deputy, message=message)


@pytest.mark.parametrize("stage", ["assigned", "handling", "replied", "rehandling"])
def test_the_lead_deputy_asks_for_a_meeting_while_the_item_is_handled(staff, stage, emitted):
    builders = {"assigned": f.assigned, "handling": s.handling, "replied": s.replied, "rehandling": s.rehandling}
    item = builders[stage](staff=staff)
    request = ask_meeting(item, item.lead_deputy, message="  希望面谈  ")
    stored = MeetingRequest.objects.get(pk=request.pk)
    assert (stored.proposal_id, stored.deputy, stored.message, stored.answered_at) == (
        item.pk,
        item.lead_deputy,
        "希望面谈",
        None,
    )
    assert emitted[-1] == ("meeting_requested", {"request": request})


def test_a_co_signer_may_ask_for_a_meeting_too(staff):
    item = s.handling(staff=staff)
    co_signer = f.deputy()
    item.co_signers.add(co_signer)
    ask_meeting(item, co_signer)
    assert MeetingRequest.objects.get().deputy == co_signer


def test_a_deputy_outside_the_item_cannot_ask_for_a_meeting(staff):
    item = s.handling(staff=staff)
    with refused(item, match="领衔或附议代表"):
        ask_meeting(item, f.deputy())


def test_it_refuses_a_meeting_request_without_a_message(staff):
    item = s.handling(staff=staff)
    with refused(item, match="沟通的内容"):
        ask_meeting(item, item.lead_deputy, message="  ")


@pytest.mark.parametrize("stage", ["draft", "submitted", "registered", "closed"])
def test_no_meeting_is_requested_for_an_item_not_in_handling(staff, stage):
    builders = {"draft": f.proposal, "submitted": s.submitted, "registered": f.registered, "closed": s.closed}
    item = builders[stage]() if stage in ("draft", "submitted") else builders[stage](staff=staff)
    with refused(item, match="不在办理中"):
        ask_meeting(item, item.lead_deputy)
