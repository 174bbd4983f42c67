"""督办: 重点督办 selection and the numbered supervision steps."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from common.limits import REASON_MAX
from proposals import events
from proposals.choices import SupervisionKind
from proposals.errors import DomainError
from proposals.models import Proposal, SupervisionAction
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import EXCLUDED_STATES
from proposals.services._base import audit, check_length, claim, service, today
from units.models import Unit

NUMBERING_ATTEMPTS = 5


@service
def key_supervision_set(*, proposal: Proposal, by, selected: bool, supervisor: str = "", comment: str = "") -> Proposal:
    """Mark or unmark an item for 重点督办, recording who chose it and when."""
    from accounts.roles import is_office_staff

    if not is_office_staff(by):
        raise DomainError("您无权确定重点督办件")
    if proposal.state in EXCLUDED_STATES:
        raise DomainError("无效件不能列为重点督办")
    claim(proposal)
    proposal.key_supervision = selected
    proposal.key_supervisor = supervisor.strip() if selected else ""
    proposal.key_supervision_by = by if selected else None
    proposal.key_supervision_at = timezone.now() if selected else None
    proposal.save(
        update_fields=[
            "key_supervision",
            "key_supervisor",
            "key_supervision_by",
            "key_supervision_at",
            "version",
            "updated_at",
        ]
    )
    label = "列为重点督办" if selected else "取消重点督办"
    audit(
        proposal,
        transition="key_supervision",
        by=by,
        comment=f"{label}{('：' + supervisor) if supervisor else ''}{('，' + comment) if comment else ''}",
    )
    return proposal


@service
def supervision_issue(
    *, proposal: Proposal, unit: Unit, by, kind: str, content: str, due_on: dt.date, on: dt.date | None = None
) -> SupervisionAction:
    """Issue a numbered 催办 / 督办通知 / 整改通知书 to one of the item's units (on ``on``, default today)."""
    from accounts.roles import is_office_staff

    if not is_office_staff(by):
        raise DomainError("您无权签发督办")
    if kind not in SupervisionKind.values:
        raise DomainError("请选择督办方式")
    content = content.strip()
    if not content:
        raise DomainError("请填写督办内容")
    check_length(content, limit=REASON_MAX, label="督办内容")
    current = today()
    on = on or current
    if on > current:
        raise DomainError("签发日期不能晚于今天")
    if due_on <= on:
        raise DomainError("反馈期限须晚于今天" if on == current else "反馈期限须晚于签发日期")
    if not proposal.assignments.filter(unit=unit).exclude(state=A.WITHDRAWN).exists():
        raise DomainError(f"{unit}不是此件的承办单位")
    year = on.year
    action = SupervisionAction(
        proposal=proposal, unit=unit, kind=kind, year=year, content=content, due_on=due_on, issued_by=by, issued_on=on
    )
    for _attempt in range(NUMBERING_ATTEMPTS):
        # The next number of the kind and year; two staff members issuing at once collide on the unique
        # constraint, and the later one takes the following number.
        last = SupervisionAction.objects.filter(kind=kind, year=year).aggregate(m=Max("serial"))["m"]
        action.serial = (last or 0) + 1
        try:
            with transaction.atomic():
                action.save(force_insert=True)
            break
        except IntegrityError:
            action.pk = None
    else:
        raise DomainError("督办文号冲突，请重试")
    audit(proposal, transition="supervision", by=by, comment=f"{action.get_kind_display()} {action.number}：{content}")
    events.emit(events.SUPERVISION_ISSUED, action=action)
    return action


@service
def supervision_acknowledge(*, action: SupervisionAction, by, response: str = "") -> SupervisionAction:
    """The unit acknowledges a supervision step (and may answer it)."""
    from accounts.roles import unit_of

    unit = unit_of(by)
    if unit is None or unit.pk != action.unit_id:
        raise DomainError("您无权签收该督办")
    updated = SupervisionAction.objects.filter(pk=action.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), acknowledged_by=by, response=response.strip()
    )
    if not updated:
        raise DomainError("该督办已签收")
    action.refresh_from_db()
    events.done(events.action_key("supervision", action.pk))
    return action


__all__ = ["key_supervision_set", "supervision_acknowledge", "supervision_issue"]
