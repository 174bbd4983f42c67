"""Notifications for the domain events. Each handler runs inside the event's transaction."""

from __future__ import annotations

from django.utils import timezone

from notifications import links
from notifications.models import Kind
from notifications.recipients import deputy_user, office_staff, unit_users, unit_users_by_unit
from notifications.services import notifications_resolve, notify
from proposals import events
from proposals.events import action_key


def _label(proposal) -> str:
    number = f"{proposal.number} " if proposal.number else ""
    return f"{number}《{proposal.title}》"


def on_assigned(*, proposal, assignments, **_) -> None:
    by_unit = unit_users_by_unit(a.unit_id for a in assignments)
    for assignment in assignments:
        role = assignment.get_role_display()
        body = (
            f"贵单位收到新交办件{_label(proposal)}（{role}）。"
            f"请于{assignment.sign_due:%Y年%m月%d日}前签收，"
            f"{'协办意见' if assignment.role == 'co' else '答复'}期限为{assignment.due_on:%Y年%m月%d日}。"
        )
        notify(
            recipients=by_unit.get(assignment.unit_id, []),
            kind=Kind.ASSIGNED,
            title=f"新交办：{_label(proposal)}",
            body=body,
            link=links.unit_assignment(assignment.pk),
            action_key=action_key("sign", assignment.pk),
        )


def on_supervision_issued(*, action, **_) -> None:
    proposal = action.proposal
    assignment_id = (
        proposal.assignments.filter(unit_id=action.unit_id).order_by("-id").values_list("pk", flat=True).first()
    )
    notify(
        recipients=unit_users([action.unit_id]),
        kind=Kind.SUPERVISION,
        title=f"{action.get_kind_display()} {action.number}：{_label(proposal)}",
        body=f"{action.content}\n请于{action.due_on:%Y年%m月%d日}前反馈办理情况。",
        link=links.unit_supervision(assignment_id),
        action_key=action_key("supervision", action.pk),
    )


def on_reply_submitted(*, proposal, reply, **_) -> None:
    if not reply.is_of_record:  # 答复审查: the office reviews it before the deputy sees it
        notify(
            recipients=office_staff(),
            kind=Kind.REVIEW,
            title=f"待审查答复：{_label(proposal)}",
            body=f"{reply.unit}已提交第{reply.round}轮答复（{reply.get_category_display()}），请审查。",
            link=links.staff_proposal(proposal.pk),
            action_key=action_key("review", reply.pk),
        )
        return
    on_reply_released(proposal=proposal, reply=reply)


def on_reply_returned(*, proposal, reply, reason, **_) -> None:
    notify(
        recipients=unit_users([reply.unit_id]),
        kind=Kind.REVIEW,
        title=f"答复退回修改：{_label(proposal)}",
        body=f"代表工作机构退回了贵单位的第{reply.round}轮答复，请修改后重新提交（办理期限不变）。退回理由：{reason}",
        link=links.unit_assignment(reply.assignment_id),
        action_key=action_key("work", reply.assignment_id),
    )


def on_reply_released(*, proposal, reply, **_) -> None:
    ready = proposal.state == "replied"
    body = f"{reply.unit}已就{_label(proposal)}作出第{reply.round}轮答复（{reply.get_category_display()}）。"
    if ready:
        due = f"，评价期限至{proposal.evaluation_due:%Y年%m月%d日}" if proposal.evaluation_due else ""
        body += f"请查阅答复并对办理情况作出评价{due}。"
    else:
        body += "其他承办单位答复后即可评价。"
    notify(
        recipients=deputy_user(proposal.lead_deputy),
        kind=Kind.REPLY,
        title=f"收到答复：{_label(proposal)}",
        body=body,
        link=links.deputy_evaluate(proposal.pk) if ready else links.deputy_proposal(proposal.pk),
        action_key=action_key("evaluate", proposal.pk) if ready else "",
    )


def on_followups_reported(*, proposal, **_) -> None:
    """落实情况报告: every promise of the item's replies has been reported as done or not."""
    from proposals.models import PlannedAction

    actions = (
        PlannedAction.objects.filter(proposal=proposal, reply__review_status="approved")
        .select_related("unit")
        .order_by("reply_id", "position")
    )
    lines = [
        f"{n}. {a.text}（落实时限{a.due_on:%Y年%m月%d日}，{a.unit}）：{a.get_status_display()}。{a.report_note}"
        for n, a in enumerate(actions, start=1)
    ]
    notify(
        recipients=deputy_user(proposal.lead_deputy),
        kind=Kind.FOLLOWUP,
        title=f"落实情况报告：{_label(proposal)}",
        body="承办单位已报告答复中承诺事项的落实情况：\n" + "\n".join(lines),
        link=links.deputy_proposal(proposal.pk),
    )


def on_closed(*, proposal, **_) -> None:
    how = "评价期限届满未表态，已自动办结" if proposal.closed_unevaluated else "已办结"
    notify(
        recipients=deputy_user(proposal.lead_deputy),
        kind=Kind.CLOSED,
        title=f"已办结：{_label(proposal)}",
        body=f"您领衔提出的{_label(proposal)}{how}（{proposal.closed_on:%Y年%m月%d日}）。感谢您的履职。",
        link=links.deputy_proposal(proposal.pk),
    )


def on_adjustment_requested(*, request, **_) -> None:
    assignment = request.assignment
    proposal = assignment.proposal
    notify(
        recipients=office_staff(),
        kind=Kind.ADJUSTMENT,
        title=f"调整申请：{assignment.unit} 申请退回{_label(proposal)}",
        body=f"理由：{request.reason}" + (f"\n建议改由：{request.proposed_unit}" if request.proposed_unit else ""),
        link=links.staff_adjustments(),
        action_key=action_key("adjustment", request.pk),
    )


def on_extension_requested(*, request, **_) -> None:
    assignment = request.assignment
    proposal = assignment.proposal
    notify(
        recipients=office_staff(),
        kind=Kind.EXTENSION,
        title=f"延期申请：{assignment.unit} 申请{_label(proposal)}延期",
        body=(
            f"当前期限{assignment.due_on:%Y年%m月%d日}，申请延期至{request.requested_until:%Y年%m月%d日}。"
            f"\n理由：{request.reason}"
        ),
        link=links.staff_extensions(),
        action_key=action_key("extension", request.pk),
    )


def on_meeting_requested(*, request, **_) -> None:
    proposal = request.proposal
    title = f"见面请求：{request.deputy}代表希望就{_label(proposal)}当面沟通"
    notify(
        recipients=office_staff(),
        kind=Kind.MEETING,
        title=title,
        body=request.message,
        link=links.staff_proposal(proposal.pk),
        action_key=action_key("meeting", request.pk),
    )
    live = list(proposal.assignments.exclude(state="withdrawn").only("pk", "unit_id"))
    by_unit = unit_users_by_unit(a.unit_id for a in live)
    for assignment in live:
        notify(
            recipients=by_unit.get(assignment.unit_id, []),
            kind=Kind.MEETING,
            title=title,
            body=request.message,
            link=links.unit_assignment(assignment.pk),
            action_key=action_key("meeting", request.pk),
        )


def on_rehandling_started(*, proposal, evaluation, **_) -> None:
    answering = [a for a in proposal.assignments.filter(state="handling", round=proposal.round) if a.answers]
    by_unit = unit_users_by_unit(a.unit_id for a in answering)
    due = f"，重新办理期限为{proposal.rehandle_due:%Y年%m月%d日}" if proposal.rehandle_due else ""
    for assignment in answering:
        notify(
            recipients=by_unit.get(assignment.unit_id, []),
            kind=Kind.REHANDLING,
            title=f"重新办理：{_label(proposal)}",
            body=f"代表对办理结果不满意{due}。代表意见：{evaluation.reason}",
            link=links.unit_assignment(assignment.pk),
            action_key=action_key("work", assignment.pk),
        )


def on_due_changed(*, assignment, **_) -> None:
    proposal = assignment.proposal
    notify(
        recipients=unit_users([assignment.unit_id]),
        kind=Kind.DUE_CHANGED,
        title=f"期限变更：{_label(proposal)}",
        body=f"{_label(proposal)}的办理期限已变更为{assignment.due_on:%Y年%m月%d日}。",
        link=links.unit_assignment(assignment.pk),
    )


def on_calendar_windows_changed(*, assignment, changes, **_) -> None:
    proposal = assignment.proposal
    lines = "；".join(f"{c.label}由{c.old:%Y年%m月%d日}调整为{c.new:%Y年%m月%d日}" for c in changes)
    notify(
        recipients=unit_users([assignment.unit_id]),
        kind=Kind.DUE_CHANGED,
        title=f"工作日历更新：{_label(proposal)}的期限已调整",
        body=f"国务院节假日安排录入后，{_label(proposal)}按正式工作日历重新计算：{lines}。",
        link=links.unit_assignment(assignment.pk),
    )


def on_cosign_invited(*, invitation, proposal, **_) -> None:
    lead = proposal.lead_deputy
    expires = timezone.localtime(invitation.expires_at)
    notify(
        recipients=deputy_user(invitation.deputy),
        kind=Kind.COSIGN,
        title=f"附议邀请：{lead.name}代表邀请您附议《{proposal.title}》",
        body=(
            f"{lead.name}代表邀请您作为附议代表联名提出《{proposal.title}》。"
            f"请于{expires:%Y年%m月%d日 %H:%M}前确认是否附议，逾期邀请失效。"
        ),
        link=links.deputy_invitation(invitation.pk),
        action_key=action_key("cosign", invitation.pk),
    )


def on_cosign_answered(*, invitation, proposal, **_) -> None:
    answer = "同意附议" if invitation.state == "accepted" else "谢绝附议"
    note = f"说明：{invitation.note}" if invitation.note else ""
    notify(
        recipients=deputy_user(proposal.lead_deputy),
        kind=Kind.COSIGN,
        title=f"{invitation.deputy.name}代表{answer}《{proposal.title}》",
        body=note,
        link=links.deputy_proposal(proposal.pk),
    )


def on_action_done(*, keys, **_) -> None:
    notifications_resolve(keys=keys)


SUBSCRIPTIONS = {
    events.ASSIGNED: on_assigned,
    events.SUPERVISION_ISSUED: on_supervision_issued,
    events.REPLY_SUBMITTED: on_reply_submitted,
    events.REPLY_RELEASED: on_reply_released,
    events.REPLY_RETURNED: on_reply_returned,
    events.FOLLOWUPS_REPORTED: on_followups_reported,
    events.CLOSED: on_closed,
    events.ADJUSTMENT_REQUESTED: on_adjustment_requested,
    events.EXTENSION_REQUESTED: on_extension_requested,
    events.MEETING_REQUESTED: on_meeting_requested,
    events.REHANDLING_STARTED: on_rehandling_started,
    events.DUE_CHANGED: on_due_changed,
    events.CALENDAR_WINDOWS_CHANGED: on_calendar_windows_changed,
    events.COSIGN_INVITED: on_cosign_invited,
    events.COSIGN_ANSWERED: on_cosign_answered,
    events.ACTION_DONE: on_action_done,
}


def subscribe_all() -> None:
    for event, handler in SUBSCRIPTIONS.items():
        events.subscribe(event, handler)
