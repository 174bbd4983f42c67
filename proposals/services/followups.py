"""跟踪落实: the unit reports each planned action of an approved reply as done or not, with a note.

When every planned action of an item is reported, the lead deputy receives the 落实情况报告.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from proposals import events
from proposals import permissions as perm
from proposals.choices import FollowUpStatus, ReviewStatus
from proposals.errors import DomainError
from proposals.models import PlannedAction
from proposals.services._base import audit, service, today
from proposals.services.lifecycle import locked_proposal


def open_followups(proposal_id: int):
    """The item's tracked promises not yet reported (those of replies of record)."""
    return PlannedAction.objects.filter(
        proposal_id=proposal_id, status=FollowUpStatus.OPEN, reply__review_status=ReviewStatus.APPROVED
    )


@service
def followup_report(*, action: PlannedAction, by, done: bool, note: str, on: dt.date | None = None) -> PlannedAction:
    """Report one planned action as 已落实 (``done``) or 未落实, with a note; once per action."""
    from accounts.roles import is_office_staff

    if not (perm.assigned_unit(action, by) or is_office_staff(by)):
        raise DomainError("只有承诺落实的承办单位可以报告落实情况")
    note = note.strip()
    if not note:
        raise DomainError("请填写落实情况说明")
    on = on or today()
    if on > today():
        raise DomainError("报告日期不能晚于今天")
    proposal = locked_proposal(action.proposal_id)
    if action.reply.review_status != ReviewStatus.APPROVED:
        raise DomainError("答复尚未审查通过，其中的计划落实事项还不需要报告")
    status = FollowUpStatus.DONE if done else FollowUpStatus.NOT_DONE
    now = timezone.now()
    claimed = PlannedAction.objects.filter(pk=action.pk, status=FollowUpStatus.OPEN).update(
        status=status, report_note=note, reported_on=on, reported_by=by, reported_at=now
    )
    if claimed != 1:
        raise DomainError("该事项的落实情况已经报告过")
    action.status, action.report_note, action.reported_on, action.reported_by, action.reported_at = (
        status,
        note,
        on,
        by,
        now,
    )
    label = "已落实" if done else "未落实"
    audit(proposal, transition="followup_report", by=by, comment=f"计划落实事项「{action.text}」{label}：{note}")
    if not open_followups(proposal.pk).exists():
        events.emit(events.FOLLOWUPS_REPORTED, proposal=proposal)
    return action
