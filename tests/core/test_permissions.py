"""Who may fire each transition: staff, the assigned unit, the lead deputy — and nobody else."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from proposals import services
from proposals.errors import DomainError
from proposals.models import Assignment, Proposal
from tests import factories as f
from tests.core import support as s
from tests.core.support import fresh, refused

pytestmark = pytest.mark.django_db

D = dt.date
EVERYONE = (
    "staff",
    "leader",
    "lead_deputy",
    "co_signer",
    "other_deputy",
    "unit",
    "co_unit",
    "other_unit",
    "plain_user",
    "anonymous",
)


@pytest.fixture
def cast(staff, leader):
    """An item led by one deputy, co-signed by another, assigned 主办协办; and everyone around it."""
    lead_deputy, co_signer, other_deputy = f.deputy(), f.deputy(), f.deputy()
    lead_unit, co_unit, other_unit = f.unit(), f.unit(), f.unit()
    users = SimpleNamespace(
        staff=staff,
        leader=leader,
        lead_deputy=lead_deputy.user,
        co_signer=co_signer.user,
        other_deputy=other_deputy.user,
        unit=f.handler_of(lead_unit),
        co_unit=f.handler_of(co_unit),
        other_unit=f.handler_of(other_unit),
        plain_user=f.user(),
        anonymous=AnonymousUser(),
    )

    def draft(**kw) -> Proposal:
        item = f.proposal(lead=lead_deputy, **kw)
        item.co_signers.add(co_signer)
        return item

    def at(stage: str, **kw) -> Proposal:
        item = draft(**kw)
        if stage == "draft":
            return item
        services.proposal_submit(proposal=item, by=staff if item.kind == "motion" else lead_deputy.user)
        if stage == "submitted":
            return fresh(item)
        services.proposal_register(proposal=item, by=staff)
        if stage == "registered":
            return fresh(item)
        services.proposal_assign(proposal=item, by=staff, mode="lead_co", lead_units=[lead_unit], co_units=[co_unit])
        if stage == "assigned":
            return fresh(item)
        s.sign_all(item)
        if stage == "handling":
            return fresh(item)
        s.reply(s.assignment_of(item, lead_unit))
        assert fresh(item).state == stage == "replied"
        return fresh(item)

    def row(item: Proposal, which: str = "lead") -> Assignment:
        return s.assignment_of(item, lead_unit if which == "lead" else co_unit)

    return SimpleNamespace(
        users=users,
        at=at,
        row=row,
        lead_deputy=lead_deputy,
        co_signer=co_signer,
        lead_unit=lead_unit,
        other_unit=other_unit,
    )


def _extension_request(cast):
    item = cast.at("handling")
    lead = cast.row(item)
    request = services.extension_request(assignment=lead, by=cast.users.unit, until=D(2026, 8, 1), reason="需协调")
    return item, request


def _adjustment_request(cast):
    item = cast.at("handling")
    request = services.adjustment_request(assignment=cast.row(item, "co"), by=cast.users.co_unit, reason="非本单位职责")
    return item, request


def _supervision(cast):
    item = cast.at("handling")
    action = services.supervision_issue(
        proposal=item, unit=cast.lead_unit, by=cast.users.staff, kind="urge", content="请加快办理", due_on=D(2026, 3, 9)
    )
    return item, action


# Each case: (stage builder, action(cast, subject, user), who may do it). The subject is what the builder returns.
CASES = {
    "submit": (
        lambda c: c.at("draft"),
        lambda c, p, u: services.proposal_submit(proposal=p, by=u),
        {"lead_deputy", "staff"},
    ),
    "withdraw": (
        lambda c: c.at("draft"),
        lambda c, p, u: services.proposal_withdraw(proposal=p, by=u),
        {"lead_deputy"},
    ),
    "edit_draft": (
        lambda c: c.at("draft"),
        lambda c, p, u: services.proposal_update_draft(
            proposal=p, by=u, title="修改后的标题", content="", field="", kind="suggestion", co_signers=[]
        ),
        {"lead_deputy", "staff"},
    ),
    "register": (lambda c: c.at("submitted"), lambda c, p, u: services.proposal_register(proposal=p, by=u), {"staff"}),
    "reject": (
        lambda c: c.at("submitted"),
        lambda c, p, u: services.proposal_reject(proposal=p, by=u, reason="不属于职权范围"),
        {"staff"},
    ),
    "merge": (
        lambda c: c.at("submitted"),
        lambda c, p, u: services.proposal_merge(proposal=p, into=Proposal.objects.exclude(pk=p.pk).get(), by=u),
        {"staff"},
    ),
    "motion_decide": (
        lambda c: c.at("registered", kind="motion"),
        lambda c, p, u: services.motion_decide(proposal=p, by=u, decision="convert"),
        {"staff"},
    ),
    "assign": (
        lambda c: c.at("registered"),
        lambda c, p, u: services.proposal_assign(proposal=p, by=u, mode="single", lead_units=[c.other_unit]),
        {"staff"},
    ),
    "sign": (
        lambda c: c.at("assigned"),
        lambda c, p, u: services.assignment_sign(assignment=c.row(p), by=u),
        {"unit"},
    ),
    "request_adjustment": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.adjustment_request(assignment=c.row(p), by=u, reason="非本单位职责"),
        {"unit"},
    ),
    "request_extension": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.extension_request(assignment=c.row(p), by=u, until=D(2026, 8, 1), reason="需协调"),
        {"unit"},
    ),
    "send_opinion": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.opinion_send(assignment=c.row(p, "co"), by=u, body="协办意见"),
        {"co_unit"},
    ),
    "reply": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.reply_submit(assignment=c.row(p), by=u, category="A", body="答复"),
        {"unit"},
    ),
    "contact_log": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.contact_log(
            assignment=c.row(p), by=u, method="phone", contacted_on=D(2026, 3, 2), summary="电话沟通"
        ),
        {"unit", "staff"},
    ),
    "progress_add": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.progress_add(assignment=c.row(p), by=u, body="已完成现场调研"),
        {"unit", "staff"},
    ),
    "approve_extension": (
        _extension_request,
        lambda c, subject, u: services.extension_approve(request=subject, by=u),
        {"staff"},
    ),
    "deny_extension": (
        _extension_request,
        lambda c, subject, u: services.extension_deny(request=subject, by=u, note="请按期办理"),
        {"staff"},
    ),
    "approve_adjustment": (
        _adjustment_request,
        lambda c, subject, u: services.adjustment_approve(request=subject, by=u),
        {"staff"},
    ),
    "deny_adjustment": (
        _adjustment_request,
        lambda c, subject, u: services.adjustment_deny(request=subject, by=u, note="请继续办理"),
        {"staff"},
    ),
    "evaluate": (
        lambda c: c.at("replied"),
        lambda c, p, u: services.evaluation_submit(
            proposal=p, by=u, deputy=c.lead_deputy, attitude="satisfied", result="satisfied"
        ),
        {"lead_deputy"},
    ),
    "close": (lambda c: c.at("replied"), lambda c, p, u: services.proposal_close(proposal=p, by=u), {"staff"}),
    "key_supervision": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.key_supervision_set(proposal=p, by=u, selected=True, supervisor="主任会议"),
        {"staff"},
    ),
    "supervision_issue": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.supervision_issue(
            proposal=p, unit=c.lead_unit, by=u, kind="urge", content="请加快办理", due_on=D(2026, 3, 9)
        ),
        {"staff"},
    ),
    "supervision_acknowledge": (
        _supervision,
        lambda c, subject, u: services.supervision_acknowledge(action=subject, by=u, response="已收到"),
        {"unit"},
    ),
    "meeting_request": (
        lambda c: c.at("handling"),
        lambda c, p, u: services.meeting_request(
            proposal=p, by=u, deputy=c.lead_deputy if u == c.users.lead_deputy else c.co_signer, message="希望面谈"
        ),
        {"lead_deputy", "co_signer"},
    ),
}


def _build(cast, name):
    build, act, allowed = CASES[name]
    if name == "merge":
        cast.at("submitted", title="并案目标")
    built = build(cast)
    item, subject = built if isinstance(built, tuple) else (built, built)
    return item, subject, act, allowed


@pytest.mark.parametrize(
    ("name", "actor"), [(name, actor) for name, case in CASES.items() for actor in sorted(case[2])]
)
def test_the_right_person_may_act(cast, name, actor):
    item, subject, act, _allowed = _build(cast, name)
    before = s.db_state(item)
    act(cast, subject, getattr(cast.users, actor))
    assert s.db_state(item) != before


@pytest.mark.parametrize("name", list(CASES))
def test_everybody_else_is_refused_and_nothing_changes(cast, name):
    item, subject, act, allowed = _build(cast, name)
    watched = [item, *Proposal.objects.exclude(pk=item.pk)]
    denied = [actor for actor in EVERYONE if actor not in allowed]
    assert len(denied) >= 7
    for actor in denied:
        with refused(*watched, match="无权|只有"):
            act(cast, subject, getattr(cast.users, actor))


def test_nobody_may_draft_in_another_deputys_name(cast):
    for name in ("co_signer", "other_deputy", "unit", "leader", "plain_user", "anonymous"):
        with pytest.raises(DomainError, match="无权"):
            services.proposal_create(
                by=getattr(cast.users, name),
                session=f.session(),
                kind="suggestion",
                title="冒名的建议",
                lead_deputy=cast.lead_deputy,
            )
    assert not Proposal.objects.exists()


def test_staff_may_draft_on_a_deputys_behalf(cast):
    item = services.proposal_create(
        by=cast.users.staff,
        session=f.session(),
        kind="suggestion",
        title="代为录入的建议",
        lead_deputy=cast.lead_deputy,
    )
    assert (item.state, item.created_by) == ("draft", cast.users.staff)


def test_an_evaluation_is_recorded_for_the_lead_deputy_only(cast):
    item = cast.at("replied")
    with refused(item, match="领衔代表"):
        services.evaluation_submit(
            proposal=item, by=cast.users.lead_deputy, deputy=cast.co_signer, attitude="satisfied", result="satisfied"
        )


def test_a_deputy_cannot_ask_for_a_meeting_in_another_deputys_name(cast):
    item = cast.at("handling")
    with refused(item, match="无权"):
        services.meeting_request(proposal=item, by=cast.users.co_signer, deputy=cast.lead_deputy, message="希望面谈")
