"""The audit trail as the office reads it: who did what, when, from which state to which, and why."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from proposals.models import Assignment
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import ProposalState

ACTIONS = {
    "submit": "提交",
    "withdraw": "撤回",
    "register": "立案",
    "reject": "不予立案",
    "merge": "并案",
    "to_agenda": "列入议程",
    "not_to_agenda": "不列入议程",
    "convert": "议案转建议",
    "assign": "交办",
    "start_handling": "开始办理",
    "mark_replied": "办复",
    "return_for_reassignment": "退回待重新交办",
    "evaluate": "代表评价",
    "close": "办结",
    "sign": "签收",
    "request_adjustment": "申请调整",
    "approve_adjustment": "同意调整",
    "deny_adjustment": "不同意调整",
    "request_extension": "申请延期",
    "approve_extension": "同意延期",
    "deny_extension": "不同意延期",
    "send_opinion": "提交协办意见",
    "reply": "提交答复",
    "rehandle": "重新办理",
    "key_supervision": "重点督办",
    "supervision": "督办",
    "committee_supervision": "委员会督办",
    "committee_supervision_end": "结束委员会督办",
    "publication_withdraw": "撤回公开",
    "reply_approve": "答复审查通过",
    "reply_return": "退回答复",
    "return_reply": "答复退回修改",
    "reply_correct_category": "更正答复类别",
    "followup_report": "报告落实情况",
    "co_signer_assisted_rate": "代为录入附议代表评价",
    "ledger_import": "台账导入",
    "calendar_update": "工作日历更新",
}
PROPOSAL_STATES = dict(ProposalState.choices)
ASSIGNMENT_STATES = dict(AssignmentState.choices)


@dataclass(frozen=True)
class AuditRow:
    at: object
    actor: str
    action: str
    unit: str
    source: str
    target: str
    changed: bool
    comment: str


def _actor(user) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.get_username()


def audit_rows(logs: list, assignments: list[Assignment]) -> list[AuditRow]:
    """``logs`` from ``selectors.audit_trail``; ``assignments`` (with units) name the unit of each unit-side row."""
    assignment_type = ContentType.objects.get_for_model(Assignment).pk
    units = {a.pk: a.unit.name for a in assignments}
    rows = []
    for log in logs:
        on_assignment = log.content_type_id == assignment_type
        labels = ASSIGNMENT_STATES if on_assignment else PROPOSAL_STATES
        rows.append(
            AuditRow(
                at=log.timestamp,
                actor=_actor(log.by),
                action=ACTIONS.get(log.transition, log.transition),
                unit=units.get(int(log.object_id), "") if on_assignment else "",
                source=labels.get(log.source_state, log.source_state or ""),
                target=labels.get(log.state, log.state or ""),
                changed=log.source_state != log.state,
                comment=log.description or "",
            )
        )
    return rows
