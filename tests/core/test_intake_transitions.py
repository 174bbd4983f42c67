"""Intake on the Proposal machine: submit, withdraw, register, reject, merge and the motion track."""

import datetime as dt

import pytest

from proposals import services
from proposals.errors import DomainError
from proposals.models import Proposal
from tests import factories as f
from tests.core.support import fresh, refused, submitted

pytestmark = pytest.mark.django_db


def test_the_lead_deputy_submits_a_draft_and_it_is_dated_today():
    draft = f.proposal()
    services.proposal_submit(proposal=draft, by=draft.lead_deputy.user)
    stored = fresh(draft)
    assert (stored.state, stored.version, stored.submitted_on) == ("submitted", 1, dt.date(2026, 3, 2))


def test_staff_may_submit_a_draft_on_the_deputys_behalf_and_keep_its_date(staff):
    draft = f.proposal(submitted_on=dt.date(2026, 1, 20))
    services.proposal_submit(proposal=draft, by=staff)
    stored = fresh(draft)
    assert (stored.state, stored.submitted_on) == ("submitted", dt.date(2026, 1, 20))


@pytest.mark.parametrize("stage", ["draft", "submitted"])
def test_the_lead_deputy_withdraws_a_draft_or_a_submitted_item(stage):
    item = f.proposal() if stage == "draft" else submitted()
    services.proposal_withdraw(proposal=item, by=item.lead_deputy.user, comment="内容需要再调研")
    assert fresh(item).state == "withdrawn"


def test_registering_numbers_items_in_order_within_the_session(staff):
    first, second = submitted(), submitted(title="关于完善社区养老服务的建议")
    services.proposal_register(proposal=first, by=staff)
    services.proposal_register(proposal=second, by=staff)
    assert [fresh(first).number, fresh(second).number] == ["0001", "0002"]
    assert fresh(first).state == "registered"


def test_registering_with_a_chosen_number_keeps_that_number(staff):
    item = submitted()
    services.proposal_register(proposal=item, by=staff, number=" 0123 ")
    assert fresh(item).number == "0123"


def test_it_refuses_a_number_already_used_in_the_session(staff):
    taken = submitted()
    services.proposal_register(proposal=taken, by=staff, number="0007")
    item = submitted(title="另一件建议")
    with refused(item, taken, match="0007"):
        services.proposal_register(proposal=item, by=staff, number="0007")


def test_staff_reject_an_item_with_the_reason_the_deputy_reads(staff):
    item = submitted()
    services.proposal_reject(proposal=item, by=staff, reason="  属于司法案件，不宜作为建议  ")
    stored = fresh(item)
    assert (stored.state, stored.reject_reason) == ("rejected", "属于司法案件，不宜作为建议")


def test_it_refuses_a_rejection_without_a_reason(staff):
    item = submitted()
    with refused(item, match="理由"):
        services.proposal_reject(proposal=item, by=staff, reason="   ")


@pytest.mark.parametrize("target_stage", ["submitted", "registered"])
def test_staff_merge_an_item_into_another_of_the_same_session(staff, target_stage):
    target = submitted(title="关于加装电梯补贴的建议")
    if target_stage == "registered":
        services.proposal_register(proposal=target, by=staff)
    item = submitted()
    services.proposal_merge(proposal=item, into=target, by=staff)
    stored = fresh(item)
    assert (stored.state, stored.merged_into_id) == ("merged", target.pk)


def test_a_registered_item_can_be_merged_too(staff):
    target, item = submitted(), submitted(title="重复的建议")
    services.proposal_register(proposal=item, by=staff)
    services.proposal_merge(proposal=item, into=target, by=staff, comment="内容相同")
    assert fresh(item).state == "merged"


def test_it_refuses_to_merge_an_item_into_itself(staff):
    item = submitted()
    with refused(item, match="自身"):
        services.proposal_merge(proposal=item, into=item, by=staff)


def test_it_refuses_to_merge_into_another_session(staff):
    other = submitted(session_obj=f.session(name="市十七届人大三次会议", year=2025))
    item = submitted()
    with refused(item, other, match="同一次会议"):
        services.proposal_merge(proposal=item, into=other, by=staff)


@pytest.mark.parametrize("target_state", ["draft", "withdrawn", "rejected", "merged"])
def test_it_refuses_to_merge_into_an_invalid_item(staff, target_state):
    target = f.proposal(title="目标")
    Proposal.objects.filter(pk=target.pk).update(state=target_state)
    item = submitted()
    with refused(item, target, match="有效"):
        services.proposal_merge(proposal=item, into=fresh(target), by=staff)


# --- the motion track -----------------------------------------------------------------------


def registered_motion(staff):
    return f.registered(kind="motion", staff=staff, title="关于制定养老服务条例的议案")


@pytest.mark.parametrize(
    ("decision", "state", "outcome"),
    [("to_agenda", "on_agenda", "to_agenda"), ("not_to_agenda", "not_on_agenda", "not_to_agenda")],
)
def test_the_presidium_decides_on_a_registered_motion(staff, decision, state, outcome):
    motion = registered_motion(staff)
    services.motion_decide(proposal=motion, by=staff, decision=decision)
    stored = fresh(motion)
    assert (stored.state, stored.motion_outcome) == (state, outcome)


def test_a_converted_motion_is_handled_as_a_suggestion(staff):
    motion = registered_motion(staff)
    services.motion_decide(proposal=motion, by=staff, decision="convert", comment="不符合议案条件，转为建议")
    stored = fresh(motion)
    assert (stored.state, stored.motion_outcome, stored.is_suggestion_track) == ("registered", "converted", True)
    services.proposal_assign(proposal=stored, by=staff, mode="single", lead_units=[f.unit()])
    assert fresh(motion).state == "assigned"


def test_a_submitted_motion_converted_at_review_is_registered_with_a_number(staff):
    motion = submitted(kind="motion")
    services.motion_decide(proposal=motion, by=staff, decision="convert")
    stored = fresh(motion)
    assert (stored.state, stored.motion_outcome) == ("registered", "converted")
    assert stored.number == "0001"


def test_a_motion_cannot_be_assigned_before_it_is_converted(staff):
    motion = registered_motion(staff)
    with refused(motion, match="交办"):
        services.proposal_assign(proposal=motion, by=staff, mode="single", lead_units=[f.unit()])


@pytest.mark.parametrize("decision", ["to_agenda", "not_to_agenda", "convert"])
def test_a_motion_is_decided_only_once(staff, decision):
    motion = registered_motion(staff)
    services.motion_decide(proposal=motion, by=staff, decision="not_to_agenda")
    with refused(motion):
        services.motion_decide(proposal=fresh(motion), by=staff, decision=decision)


def test_a_suggestion_gets_no_motion_decision(staff):
    item = f.registered(staff=staff)
    with refused(item, match="只有议案"):
        services.motion_decide(proposal=item, by=staff, decision="to_agenda")


def test_it_refuses_an_unknown_motion_decision(staff):
    motion = registered_motion(staff)
    with refused(motion, match="未知"):
        services.motion_decide(proposal=motion, by=staff, decision="shelve")


def test_a_draft_motion_cannot_go_on_the_agenda(staff):
    motion = f.proposal(kind="motion")
    with refused(motion, match="草稿"):
        services.motion_decide(proposal=motion, by=staff, decision="to_agenda")


# --- drafts ------------------------------------------------------------------------------------


def test_the_lead_deputy_edits_a_draft_and_its_co_signers():
    draft = f.proposal()
    co = f.deputy()
    services.proposal_update_draft(
        proposal=draft,
        by=draft.lead_deputy.user,
        title="关于加装电梯的建议（修改稿）",
        content="新内容",
        field="民生",
        kind="suggestion",
        co_signers=[co, draft.lead_deputy],
    )
    stored = fresh(draft)
    assert (stored.title, stored.version) == ("关于加装电梯的建议（修改稿）", 1)
    assert list(stored.co_signers.all()) == [], "invited, not yet accepted"
    assert [(i.deputy, i.state) for i in stored.cosign_invitations.all()] == [(co, "pending")]


def test_a_submitted_item_can_no_longer_be_edited():
    item = submitted()
    with refused(item, match="草稿"):
        services.proposal_update_draft(
            proposal=item, by=item.lead_deputy.user, title="改", content="", field="", kind="suggestion", co_signers=[]
        )


@pytest.mark.parametrize(("title", "kind", "message"), [("  ", "suggestion", "标题"), ("标题", "petition", "类型")])
def test_it_refuses_a_draft_edit_without_a_title_or_with_an_unknown_kind(title, kind, message):
    draft = f.proposal()
    with refused(draft, match=message):
        services.proposal_update_draft(
            proposal=draft, by=draft.lead_deputy.user, title=title, content="", field="", kind=kind, co_signers=[]
        )


def test_creating_a_draft_drops_the_lead_deputy_from_the_co_signers():
    lead, co = f.deputy(), f.deputy()
    draft = services.proposal_create(
        by=lead.user,
        session=f.session(),
        kind="suggestion",
        title="关于公交线路优化的建议",
        lead_deputy=lead,
        co_signers=[lead, co, co],
    )
    assert (draft.state, [i.deputy for i in draft.cosign_invitations.all()]) == ("draft", [co])


@pytest.mark.parametrize(("title", "kind"), [("   ", "suggestion"), ("标" * 201, "suggestion"), ("标题", "other")])
def test_it_refuses_a_draft_without_a_title_too_long_or_of_an_unknown_kind(title, kind):
    lead = f.deputy()
    with pytest.raises(DomainError):
        services.proposal_create(by=lead.user, session=f.session(), kind=kind, title=title, lead_deputy=lead)
    assert Proposal.objects.count() == 0
