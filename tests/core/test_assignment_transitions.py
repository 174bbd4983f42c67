"""The Assignment machine: sign, send_opinion (co-units), reply (answering units), rehandle (derived)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from proposals import services
from proposals.models import CoOpinion, Reply
from proposals.services._base import fire
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date


def test_a_unit_signs_for_an_item_and_the_moment_is_recorded(staff):
    item = f.assigned(staff=staff)
    lead = s.answering(item)[0]
    services.assignment_sign(assignment=lead, by=f.handler_of(lead.unit))
    stored = fresh(lead)
    assert (stored.state, stored.version) == ("handling", 1)
    assert stored.signed_at == s.at(D(2026, 3, 2))


def test_a_co_unit_sends_its_opinion_to_the_lead_unit(staff):
    co = f.unit()
    item = s.handling(staff=staff, mode="lead_co", co=[co])
    row = s.assignment_of(item, co)
    opinion = services.opinion_send(assignment=row, by=f.handler_of(co), body="  建议统筹专项资金  ")
    assert (fresh(row).state, fresh(row).replied_on) == ("opinion_sent", D(2026, 3, 2))
    assert (opinion.body, opinion.unit, opinion.proposal_id, opinion.sent_on) == (
        "建议统筹专项资金",
        co,
        item.pk,
        D(2026, 3, 2),
    )


def test_a_co_unit_may_attach_a_file_to_its_opinion(staff):
    co = f.unit()
    item = s.handling(staff=staff, mode="lead_co", co=[co])
    upload = SimpleUploadedFile("意见.pdf", b"%PDF-1.4 opinion", content_type="application/pdf")
    opinion = services.opinion_send(
        assignment=s.assignment_of(item, co), by=f.handler_of(co), body="见附件", file=upload
    )
    assert opinion.file.name.endswith(".pdf")


def test_the_lead_unit_replies_with_its_letter(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    reply = services.reply_submit(
        assignment=lead,
        by=f.handler_of(lead.unit),
        category="B",
        **f.reply_rules("B"),
        body=" 已列入明年计划 ",
        doc_number="市建函〔2026〕8号",
        signer="张局长",
        contact_person="李科长",
        contact_phone="010-12345678",
        replied_on=D(2026, 3, 2),
    )
    stored = Reply.objects.get()
    assert (stored.pk, stored.round, stored.category, stored.body, stored.unit) == (
        reply.pk,
        1,
        "B",
        "已列入明年计划",
        lead.unit,
    )
    assert (stored.doc_number, stored.signer, stored.replied_on, stored.created_by) == (
        "市建函〔2026〕8号",
        "张局长",
        D(2026, 3, 2),
        f.handler_of(lead.unit),
    )
    assert (fresh(lead).state, fresh(lead).replied_on) == ("replied", D(2026, 3, 2))


def test_a_reply_may_be_only_the_uploaded_letter(staff):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    upload = SimpleUploadedFile("答复函.PDF", b"%PDF-1.4 reply", content_type="application/pdf")
    services.reply_submit(assignment=lead, by=f.handler_of(lead.unit), category="A", body="", file=upload)
    assert Reply.objects.get().file.name.startswith("replies/2026/03/")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"category": "E"}, "答复类别"),
        ({"body": "  "}, "答复内容"),
        ({"replied_on": D(2026, 3, 3)}, "不能晚于今天"),
        ({"file": SimpleUploadedFile("答复.exe", b"MZ")}, "格式不支持"),
    ],
)
def test_it_refuses_a_reply_that_is_incomplete_dated_ahead_or_with_a_bad_file(staff, kwargs, message):
    item = s.handling(staff=staff)
    lead = s.answering(item)[0]
    values = {"category": "A", "body": "答复内容"} | kwargs
    with refused(item, match=message):
        services.reply_submit(assignment=lead, by=f.handler_of(lead.unit), **values)


def test_it_refuses_an_opinion_without_a_body(staff):
    co = f.unit()
    item = s.handling(staff=staff, mode="lead_co", co=[co])
    with refused(item, match="协办意见"):
        services.opinion_send(assignment=s.assignment_of(item, co), by=f.handler_of(co), body=" ")


def test_rehandle_follows_the_deputys_rating_and_is_fired_by_no_user(staff):
    item = s.replied(staff=staff)
    lead = s.answering(item)[0]
    with refused(item, match="无权"):
        fire(fresh(lead).rehandle, by=f.handler_of(lead.unit), due=D(2026, 4, 2))
    with refused(item, match="无权"):
        fire(fresh(lead).rehandle, by=staff, due=D(2026, 4, 2))


# --- every illegal move of the Assignment machine is refused and changes nothing -----------------


def _item_with(role: str, state: str, staff):
    """An item and its assignment of ``role`` (lead or co) in ``state``."""
    lead_unit, co_unit = f.unit(), f.unit()
    item = f.assigned(staff=staff, mode="lead_co", units=[lead_unit], co=[co_unit])
    unit = lead_unit if role == "lead" else co_unit
    row = s.assignment_of(item, unit)
    handler = f.handler_of(unit)
    if state != "pending_sign":
        s.sign_all(item)
    if state == "adjustment_requested":
        services.adjustment_request(assignment=fresh(row), by=handler, reason="非本单位职责")
    elif state == "extension_requested":
        services.extension_request(assignment=fresh(row), by=handler, until=D(2026, 8, 1), reason="需协调")
    elif state == "replied":
        s.reply(row)
    elif state == "opinion_sent":
        services.opinion_send(assignment=fresh(row), by=handler, body="同意")
    elif state == "withdrawn":
        request = services.adjustment_request(assignment=fresh(row), by=handler, reason="非本单位职责")
        services.adjustment_approve(request=request, by=staff)
    row = type(row).objects.get(pk=row.pk)
    assert row.state == state
    return item, row


ACTIONS = {
    "sign": lambda row, by: services.assignment_sign(assignment=row, by=by),
    "request_adjustment": lambda row, by: services.adjustment_request(assignment=row, by=by, reason="非本单位职责"),
    "request_extension": lambda row, by: services.extension_request(
        assignment=row, by=by, until=D(2026, 8, 15), reason="需协调"
    ),
    "send_opinion": lambda row, by: services.opinion_send(assignment=row, by=by, body="协办意见"),
    "reply": lambda row, by: services.reply_submit(assignment=row, by=by, category="A", body="答复"),
}
LEGAL = {
    ("lead", "pending_sign", "sign"),
    ("lead", "pending_sign", "request_adjustment"),
    ("lead", "handling", "request_adjustment"),
    ("lead", "handling", "request_extension"),
    ("lead", "handling", "reply"),
    ("co", "pending_sign", "sign"),
    ("co", "pending_sign", "request_adjustment"),
    ("co", "handling", "request_adjustment"),
    ("co", "handling", "send_opinion"),
}
STATES = {
    "lead": ["pending_sign", "handling", "adjustment_requested", "extension_requested", "replied", "withdrawn"],
    "co": ["pending_sign", "handling", "adjustment_requested", "opinion_sent", "withdrawn"],
}


@pytest.mark.parametrize(("role", "state"), [(role, state) for role, states in STATES.items() for state in states])
def test_every_illegal_assignment_move_is_refused_and_changes_nothing(staff, role, state):
    item, row = _item_with(role, state, staff)
    illegal = [action for action in ACTIONS if (role, state, action) not in LEGAL]
    assert illegal
    for action in illegal:
        with refused(item):
            ACTIONS[action](row, f.handler_of(row.unit))


@pytest.mark.parametrize(("role", "state", "action"), sorted(LEGAL))
def test_each_legal_assignment_move_goes_through(staff, role, state, action):
    _item, row = _item_with(role, state, staff)
    version = row.version
    ACTIONS[action](row, f.handler_of(row.unit))
    assert fresh(row).version == version + 1


def test_a_reply_is_stored_once_per_unit_and_round(staff):
    item = s.replied(staff=staff)
    assert Reply.objects.filter(proposal=item).count() == 1
    assert CoOpinion.objects.count() == 0
