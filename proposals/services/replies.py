"""The answering unit's structured reply (答复函) and the office's review of it (答复审查).

A reply entered in the platform follows the office's rules: a B or C reply names at least one planned
action with its 落实时限, a C or D reply gives the reason it is not adopted or cannot be carried out yet.
Replies imported from a ledger keep the meaning of their columns and are not checked here.

With ``HandlingRules.reply_review`` on, a submitted reply waits as 待审查: the office approves it
(it becomes the reply of record, dated when the unit submitted it, and reaches the deputy), returns it
with a reason (the unit revises it; its clock keeps running) or corrects its category (audited).
With the rule off, a submitted reply is the reply of record at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from files.names import original_name
from files.validators import REPLY_LETTER
from proposals import events
from proposals.choices import (
    CATEGORIES_NEEDING_PLAN,
    CATEGORIES_NEEDING_REASON,
    Adoption,
    Category,
    ReviewDecision,
    ReviewStatus,
)
from proposals.errors import DomainError
from proposals.models import Assignment, HandlingRules, PlannedAction, Reply, ReplyReview
from proposals.models.proposal import OPEN_HANDLING_STATES
from proposals.services._base import audit, claim, fire, service, today
from proposals.services.handling import check_file, check_reply_date
from proposals.services.lifecycle import locked_proposal, proposal_sync_state

MAX_PLANNED_ACTIONS = 20


@dataclass(frozen=True)
class Plan:
    """One 计划落实事项 as entered: what will be done, and by when (落实时限)."""

    text: str
    due_on: dt.date | None


def _plans(planned: Iterable[Plan | tuple], *, replied_on: dt.date) -> list[Plan]:
    plans = []
    for item in planned:
        plan = item if isinstance(item, Plan) else Plan(*item)
        text = (plan.text or "").strip()
        if not text and plan.due_on is None:
            continue  # an empty row of the form
        n = len(plans) + 1
        if not text:
            raise DomainError(f"第{n}项计划落实事项未填写内容")
        if plan.due_on is None:
            raise DomainError(f"第{n}项计划落实事项未填写落实时限")
        if plan.due_on < replied_on:
            raise DomainError(f"第{n}项计划落实事项的落实时限不能早于答复日期")
        plans.append(Plan(text=text, due_on=plan.due_on))
    if len(plans) > MAX_PLANNED_ACTIONS:
        raise DomainError(f"计划落实事项最多{MAX_PLANNED_ACTIONS}项")
    return plans


def check_structured_reply(*, category: str, plans: list[Plan], not_adopted_reason: str, adoption: str) -> None:
    """The office's rules for a reply entered in the platform (not for ledger imports)."""
    if category not in Category.values:
        raise DomainError("请选择答复类别（A、B、C、D）")
    if adoption and adoption not in Adoption.values:
        raise DomainError("请选择采纳情况")
    if category in CATEGORIES_NEEDING_PLAN and not plans:
        raise DomainError(f"答复类别为{category}类的，须写明至少一项计划落实事项及其落实时限")
    if category in CATEGORIES_NEEDING_REASON and not not_adopted_reason.strip():
        raise DomainError(f"答复类别为{category}类的，须写明未采纳或暂不能落实的理由")


@service
def reply_submit(
    *,
    assignment: Assignment,
    by,
    category: str,
    body: str,
    doc_number: str = "",
    signer: str = "",
    contact_person: str = "",
    contact_phone: str = "",
    file: UploadedFile | None = None,
    replied_on: dt.date | None = None,
    done_items: str = "",
    planned: Iterable[Plan | tuple] = (),
    not_adopted_reason: str = "",
    adoption: str = "",
) -> Reply:
    """The answering unit's written reply for the current round (or its revision after a return)."""
    check_file(file, REPLY_LETTER)
    replied_on = replied_on or today()
    plans = _plans(planned, replied_on=replied_on)
    check_structured_reply(category=category, plans=plans, not_adopted_reason=not_adopted_reason, adoption=adoption)
    if not body.strip() and file is None:
        raise DomainError("请填写答复内容或上传答复函")
    check_reply_date(replied_on, assignment=assignment)
    proposal = locked_proposal(assignment.proposal_id)
    claim(assignment)  # first: a double-submitted reply is a conflict, whatever the item's state is now
    if proposal.state not in OPEN_HANDLING_STATES:
        raise DomainError(f"此件当前状态为「{proposal.get_state_display()}」，不能答复")
    fire(assignment.reply, by=by, action="提交答复", on=replied_on)
    assignment.save(update_fields=["state", "version", "replied_on"])

    reviewed = HandlingRules.current().reply_review
    reply = Reply.objects.filter(assignment=assignment, round=assignment.round).first()
    if reply is not None and reply.review_status != ReviewStatus.RETURNED:
        raise DomainError("本轮已经答复")
    if reply is None:
        reply = Reply(proposal=proposal, assignment=assignment, unit_id=assignment.unit_id, round=assignment.round)
    reply.category = category
    reply.body = body.strip()
    reply.doc_number = doc_number.strip()
    reply.signer = signer.strip()
    reply.contact_person = contact_person.strip()
    reply.contact_phone = contact_phone.strip()
    reply.done_items = done_items.strip()
    reply.not_adopted_reason = not_adopted_reason.strip()
    reply.adoption = adoption
    reply.replied_on = replied_on
    reply.created_by = by
    reply.review_status = ReviewStatus.PENDING if reviewed else ReviewStatus.APPROVED
    reply.released_at = None if reviewed else timezone.now()
    if file is not None:
        reply.file = file
        reply.file_name = original_name(file.name)
    reply.save()
    reply.planned_actions.all().delete()
    PlannedAction.objects.bulk_create(
        PlannedAction(
            reply=reply, proposal=proposal, unit_id=assignment.unit_id, position=n, text=p.text, due_on=p.due_on
        )
        for n, p in enumerate(plans, start=1)
    )
    if not reviewed:
        proposal_sync_state(proposal=proposal, by=by, on=replied_on)
    events.done(events.action_key("work", assignment.pk))
    events.emit(events.REPLY_SUBMITTED, proposal=proposal, reply=reply)
    return reply


# --- 答复审查 -------------------------------------------------------------------------------------


def _check_staff(by) -> None:
    from accounts.roles import is_office_staff

    if not is_office_staff(by):
        raise DomainError("只有代表工作机构工作人员可以审查答复")


def _take(reply: Reply, *, expected: tuple[str, ...], to: str | None = None) -> None:
    """Claim the reply in the state the reviewer saw (a conditional UPDATE), or refuse."""
    current = Reply.objects.filter(pk=reply.pk).values_list("review_status", flat=True).first()
    if current not in expected:
        label = dict(ReviewStatus.choices).get(current, "")
        raise DomainError(f"此答复当前为「{label}」，已由他人处理，请刷新后查看")
    if to is not None:
        updated = Reply.objects.filter(pk=reply.pk, review_status=current).update(review_status=to)
        if updated != 1:
            raise DomainError("此答复已由他人处理，请刷新后查看")
        reply.review_status = to


def _snapshot(reply: Reply) -> dict:
    return {
        "category": reply.category,
        "adoption": reply.adoption,
        "body": reply.body,
        "done_items": reply.done_items,
        "not_adopted_reason": reply.not_adopted_reason,
        "planned": [
            {"text": a.text, "due_on": a.due_on.isoformat()} for a in reply.planned_actions.order_by("position")
        ],
    }


@service
def reply_approve(*, reply: Reply, by, comment: str = "", on: dt.date | None = None) -> Reply:
    """The office approves a pending reply: it becomes the reply of record and reaches the deputy."""
    _check_staff(by)
    proposal = locked_proposal(reply.proposal_id)
    _take(reply, expected=(ReviewStatus.PENDING,), to=ReviewStatus.APPROVED)
    reply.released_at = timezone.now()
    reply.save(update_fields=["released_at"])
    on = on or today()
    ReplyReview.objects.create(
        reply=reply,
        proposal=proposal,
        unit_id=reply.unit_id,
        decision=ReviewDecision.APPROVE,
        reason=comment.strip(),
        submitted_on=reply.replied_on,
        decided_on=on,
        decided_by=by,
    )
    audit(proposal, transition="reply_approve", by=by, comment=f"{reply.unit}第{reply.round}轮答复审查通过")
    proposal_sync_state(proposal=proposal, by=by, on=reply.replied_on)
    events.done(events.action_key("review", reply.pk))
    events.emit(events.REPLY_RELEASED, proposal=proposal, reply=reply)
    return reply


@service
def reply_return(*, reply: Reply, by, reason: str, on: dt.date | None = None) -> Reply:
    """The office returns a pending reply with a reason; the unit revises it and its clock keeps running."""
    _check_staff(by)
    reason = reason.strip()
    if not reason:
        raise DomainError("退回答复须写明理由")
    proposal = locked_proposal(reply.proposal_id)
    _take(reply, expected=(ReviewStatus.PENDING,), to=ReviewStatus.RETURNED)
    assignment = reply.assignment
    claim(assignment)
    fire(assignment.return_reply, by=by, comment=reason, action="退回答复")
    assignment.save(update_fields=["state", "version", "replied_on"])
    ReplyReview.objects.create(
        reply=reply,
        proposal=proposal,
        unit_id=reply.unit_id,
        decision=ReviewDecision.RETURN,
        reason=reason,
        submitted_on=reply.replied_on,
        snapshot=_snapshot(reply),
        decided_on=on or today(),
        decided_by=by,
    )
    audit(proposal, transition="reply_return", by=by, comment=f"{reply.unit}第{reply.round}轮答复退回修改：{reason}")
    events.done(events.action_key("review", reply.pk))
    events.emit(events.REPLY_RETURNED, proposal=proposal, reply=reply, reason=reason)
    return reply


@service
def reply_correct_category(*, reply: Reply, by, category: str, reason: str) -> Reply:
    """The office corrects a reply's category; who, when and why are recorded."""
    _check_staff(by)
    reason = reason.strip()
    if category not in Category.values:
        raise DomainError("请选择更正后的答复类别")
    if not reason:
        raise DomainError("更正答复类别须写明理由")
    proposal = locked_proposal(reply.proposal_id)
    _take(reply, expected=(ReviewStatus.PENDING, ReviewStatus.APPROVED))
    current = Reply.objects.filter(pk=reply.pk).values_list("category", flat=True).get()
    if category == current:
        raise DomainError(f"答复类别已经是{category}类")
    Reply.objects.filter(pk=reply.pk).update(category=category)
    reply.category = category
    ReplyReview.objects.create(
        reply=reply,
        proposal=proposal,
        unit_id=reply.unit_id,
        decision=ReviewDecision.CORRECT,
        reason=reason,
        from_category=current,
        to_category=category,
        submitted_on=reply.replied_on,
        decided_on=today(),
        decided_by=by,
    )
    audit(
        proposal,
        transition="reply_correct_category",
        by=by,
        comment=f"{reply.unit}第{reply.round}轮答复类别由{current}类更正为{category}类：{reason}",
    )
    return reply
