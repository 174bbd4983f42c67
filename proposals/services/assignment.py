"""交办 and the unit's side requests: signing, re-assignment (调整) and extension (延期)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from common.limits import REASON_MAX
from proposals import deadlines, events
from proposals.choices import HandlingMode, RequestStatus, Role
from proposals.errors import ConflictError, DomainError
from proposals.models import AdjustmentRequest, Assignment, ExtensionRequest, HandlingRules, Proposal
from proposals.models.assignment import LIVE_STATES
from proposals.models.proposal import ProposalState as S
from proposals.services._base import check_length, claim, fire, service, today
from proposals.services.lifecycle import locked_proposal, proposal_sync_state
from units.models import Unit


def _plan_roles(*, mode: str, lead_units: list[Unit], co_units: list[Unit]) -> list[tuple[Unit, str]]:
    lead_units = list(dict.fromkeys(lead_units))
    co_units = [u for u in dict.fromkeys(co_units) if u not in lead_units]
    if mode == HandlingMode.SINGLE:
        if len(lead_units) != 1 or co_units:
            raise DomainError("单办须且只能选择一个承办单位，不能有协办单位")
        return [(lead_units[0], Role.LEAD)]
    if mode == HandlingMode.LEAD_CO:
        if len(lead_units) != 1:
            raise DomainError("主办协办须选择一个主办单位")
        if not co_units:
            raise DomainError("主办协办须至少选择一个协办单位")
        return [(lead_units[0], Role.LEAD)] + [(u, Role.CO) for u in co_units]
    if mode == HandlingMode.SPLIT:
        if len(lead_units) < 2 or co_units:
            raise DomainError("分办须选择两个或以上承办单位，不设协办单位")
        return [(u, Role.SPLIT) for u in lead_units]
    raise DomainError("请选择办理方式：单办、主办协办或分办")


def _new_assignment(*, proposal: Proposal, unit: Unit, role: str, on: dt.date, rules, calendar) -> Assignment:
    dates = deadlines.assignment_dates(assigned_on=on, answers=role != Role.CO, rules=rules, calendar=calendar)
    return Assignment(
        proposal=proposal,
        unit=unit,
        role=role,
        round=proposal.round,
        assigned_on=on,
        sign_due=dates.sign_due,
        adjust_until=dates.adjust_until,
        sign_due_provisional=dates.sign_due_provisional,
        adjust_until_provisional=dates.adjust_until_provisional,
        base_due=dates.base_due,
        due_on=dates.base_due,
    )


def suggested_due_dates(*, on: dt.date | None = None) -> dict:
    """The dates a 交办 made on ``on`` would get, for showing on the assignment form."""
    on = on or today()
    rules = HandlingRules.current()
    calendar = deadlines.WorkCalendar.load(years=[on.year, on.year + 1])
    lead = deadlines.assignment_dates(assigned_on=on, answers=True, rules=rules, calendar=calendar)
    co = deadlines.assignment_dates(assigned_on=on, answers=False, rules=rules, calendar=calendar)
    return {
        "sign_due": lead.sign_due,
        "adjust_until": lead.adjust_until,
        "sign_due_provisional": lead.sign_due_provisional,
        "adjust_until_provisional": lead.adjust_until_provisional,
        "reply_due": lead.base_due,
        "co_opinion_due": co.base_due,
        "extension_cap": deadlines.extension_cap(assigned_on=on, rules=rules),
    }


@service
def proposal_assign(
    *,
    proposal: Proposal,
    by,
    mode: str,
    lead_units: list[Unit],
    co_units: list[Unit] | None = None,
    on: dt.date | None = None,
    comment: str = "",
) -> list[Assignment]:
    """交办 to units: 单办 (one unit), 主办协办 (one lead and co-units) or 分办 (several answering units).

    On an item handed back by a unit, only the new units are added; the units still handling it
    keep their own clocks.
    """
    check_length(comment, limit=REASON_MAX, label="交办意见")
    on = on or today()
    plan = _plan_roles(mode=mode, lead_units=lead_units, co_units=co_units or [])
    rules = HandlingRules.current()
    calendar = deadlines.WorkCalendar.load(years=[on.year, on.year + 1])
    claim(proposal)
    reassigning = proposal.state == S.REGISTERED and proposal.handling_mode and proposal.assignments.exists()
    if reassigning and mode != proposal.handling_mode:
        raise DomainError("重新交办时办理方式须与原办理方式一致")
    fire(proposal.assign, by=by, comment=comment, action="交办", mode=mode, on=on)
    live_units = set(proposal.assignments.filter(state__in=LIVE_STATES).values_list("unit_id", flat=True))
    created = [
        _new_assignment(proposal=proposal, unit=unit, role=role, on=on, rules=rules, calendar=calendar)
        for unit, role in plan
        if unit.pk not in live_units
    ]
    if not created:
        raise DomainError("所选单位均已在办理此件，请选择其他单位")
    Assignment.objects.bulk_create(created)
    proposal.save(update_fields=["state", "version", "handling_mode", "assigned_on", "updated_at"])
    proposal_sync_state(proposal=proposal, by=by, on=on, rules=rules)
    events.emit(events.ASSIGNED, proposal=proposal, assignments=created)
    return created


@service
def assignment_sign(*, assignment: Assignment, by) -> Assignment:
    """签收."""
    # Lock the item before its assignment, like every other service, so concurrent actions cannot deadlock.
    proposal = locked_proposal(assignment.proposal_id)
    claim(assignment)
    fire(assignment.sign, by=by, action="签收", at=timezone.now())
    assignment.save(update_fields=["state", "version", "signed_at"])
    proposal_sync_state(proposal=proposal, by=by, on=today())
    events.done(events.action_key("sign", assignment.pk))
    return assignment


@service
def adjustment_request(
    *, assignment: Assignment, by, reason: str, proposed_unit: Unit | None = None, on: dt.date | None = None
) -> AdjustmentRequest:
    """A unit asks to hand the item back, inside the window after 交办."""
    on = on or today()
    reason = reason.strip()
    if not reason:
        raise DomainError("申请调整必须说明理由")
    if on > assignment.adjust_until:
        raise DomainError(f"申请调整须在交办后规定期限内（截至{assignment.adjust_until:%Y年%m月%d日}）提出，现已逾期")
    if proposed_unit is not None and proposed_unit.pk == assignment.unit_id:
        raise DomainError("建议改由的单位不能是本单位")
    claim(assignment)
    fire(assignment.request_adjustment, by=by, comment=reason, action="申请调整")
    assignment.save(update_fields=["state", "version"])
    request = AdjustmentRequest.objects.create(
        assignment=assignment, reason=reason, proposed_unit=proposed_unit, requested_by=by
    )
    events.emit(events.ADJUSTMENT_REQUESTED, request=request)
    return request


def _pending(request, expected_status: str = RequestStatus.PENDING) -> None:
    """A request decided meanwhile (another staff member, a double click) is a conflict, not a new decision."""
    if request.status != expected_status:
        raise ConflictError()


def _record_decision(request, *, status: str, by, note: str, extra_fields: tuple[str, ...] = ()) -> None:
    """Write the office's decision on an adjustment or extension request."""
    request.status, request.decided_by, request.decided_at, request.decision_note = status, by, timezone.now(), note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note", *extra_fields])
    what = "adjustment" if isinstance(request, AdjustmentRequest) else "extension"
    events.done(events.action_key(what, request.pk))


@service
def adjustment_approve(
    *,
    request: AdjustmentRequest,
    by,
    note: str = "",
    reassign_to: Unit | None = None,
    on: dt.date | None = None,
) -> AdjustmentRequest:
    """Approve a hand-back. Only this unit's assignment ends; the others keep their clocks.

    With ``reassign_to`` the item goes straight to that unit in the same role.
    ``on`` is the day of the decision (default today); the new unit's clock starts that day.
    """
    on = on or today()
    request = AdjustmentRequest.objects.select_for_update().get(pk=request.pk)
    _pending(request)
    assignment = request.assignment
    proposal = locked_proposal(assignment.proposal_id)
    claim(assignment)
    fire(assignment.approve_adjustment, by=by, comment=note, action="同意调整", on=on)
    assignment.save(update_fields=["state", "version", "withdrawn_on"])
    _record_decision(request, status=RequestStatus.APPROVED, by=by, note=note)
    # The unit handed the item back: nothing is left for it to sign or answer.
    events.done(events.action_key("sign", assignment.pk), events.action_key("work", assignment.pk))
    answering_left = (
        Assignment.objects.filter(proposal=proposal, state__in=LIVE_STATES, role__in=[Role.LEAD, Role.SPLIT])
        .exclude(pk=assignment.pk)
        .exists()
    )
    if reassign_to is not None and answering_left:
        # The item keeps its state: add the new unit first, so the item also waits for its answer.
        _add_unit(proposal=proposal, unit=reassign_to, role=assignment.role, on=on)
    proposal_sync_state(proposal=proposal, by=by, on=on)
    if reassign_to is not None and not answering_left:
        # No answering unit is left: the item went back to registered and is assigned again.
        _assign_again(proposal=proposal, by=by, unit=reassign_to, role=assignment.role, on=on)
    return request


def _assign_again(*, proposal: Proposal, by, unit: Unit, role: str, on: dt.date) -> None:
    leads = [unit] if role != Role.CO else []
    co = [unit] if role == Role.CO else []
    others = list(proposal.assignments.filter(state__in=LIVE_STATES).select_related("unit"))
    if role == Role.SPLIT:
        leads += [a.unit for a in others if a.role == Role.SPLIT]
    co += [a.unit for a in others if a.role == Role.CO]
    proposal_assign(proposal=proposal, by=by, mode=proposal.handling_mode, lead_units=leads, co_units=co, on=on)


def _add_unit(*, proposal: Proposal, unit: Unit, role: str, on: dt.date) -> None:
    if Assignment.objects.filter(proposal=proposal, unit=unit, state__in=LIVE_STATES).exists():
        raise DomainError(f"{unit}已在办理此件")
    rules = HandlingRules.current()
    calendar = deadlines.WorkCalendar.load(years=[on.year, on.year + 1])
    created = _new_assignment(proposal=proposal, unit=unit, role=role, on=on, rules=rules, calendar=calendar)
    created.save()
    events.emit(events.ASSIGNED, proposal=proposal, assignments=[created])


@service
def adjustment_deny(*, request: AdjustmentRequest, by, note: str) -> AdjustmentRequest:
    request = AdjustmentRequest.objects.select_for_update().get(pk=request.pk)
    _pending(request)
    note = note.strip()
    if not note:
        raise DomainError("不同意调整须说明理由")
    assignment = request.assignment
    claim(assignment)
    fire(assignment.deny_adjustment, by=by, comment=note, action="不同意调整")
    assignment.save(update_fields=["state", "version"])
    _record_decision(request, status=RequestStatus.DENIED, by=by, note=note)
    return request


@service
def extension_request(*, assignment: Assignment, by, until: dt.date, reason: str) -> ExtensionRequest:
    """A unit asks for a later deadline, no later than the cap after 交办."""
    reason = reason.strip()
    if not reason:
        raise DomainError("申请延期必须说明理由")
    rules = HandlingRules.current()
    cap = deadlines.extension_cap(assigned_on=assignment.assigned_on, rules=rules)
    if until <= assignment.due_on:
        raise DomainError(f"延期日期须晚于当前期限（{assignment.due_on:%Y年%m月%d日}）")
    if until > cap:
        raise DomainError(f"延期最长至交办后{rules.extension_cap_months}个月（{cap:%Y年%m月%d日}）")
    if not assignment.answers:
        raise DomainError("协办单位不能申请延期，请与主办单位协商")
    claim(assignment)
    fire(assignment.request_extension, by=by, comment=reason, action="申请延期")
    assignment.save(update_fields=["state", "version"])
    request = ExtensionRequest.objects.create(
        assignment=assignment, reason=reason, requested_until=until, requested_by=by
    )
    events.emit(events.EXTENSION_REQUESTED, request=request)
    return request


@service
def extension_approve(
    *, request: ExtensionRequest, by, until: dt.date | None = None, note: str = ""
) -> ExtensionRequest:
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    _pending(request)
    assignment = request.assignment
    until = until or request.requested_until
    rules = HandlingRules.current()
    cap = deadlines.extension_cap(assigned_on=assignment.assigned_on, rules=rules)
    if until > cap:
        raise DomainError(f"延期最长至交办后{rules.extension_cap_months}个月（{cap:%Y年%m月%d日}）")
    if until <= assignment.due_on:
        raise DomainError(f"批准的日期须晚于当前期限（{assignment.due_on:%Y年%m月%d日}）")
    proposal = locked_proposal(assignment.proposal_id)
    claim(assignment)
    fire(
        assignment.approve_extension,
        by=by,
        comment=note or f"同意延期至{until:%Y-%m-%d}",
        action="同意延期",
        until=until,
    )
    assignment.save(update_fields=["state", "version", "extended_to", "due_on"])
    request.approved_until = until
    _record_decision(request, status=RequestStatus.APPROVED, by=by, note=note, extra_fields=("approved_until",))
    proposal_sync_state(proposal=proposal, by=by, on=today(), rules=rules)
    events.emit(events.DUE_CHANGED, assignment=assignment)
    return request


@service
def extension_deny(*, request: ExtensionRequest, by, note: str) -> ExtensionRequest:
    request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
    _pending(request)
    note = note.strip()
    if not note:
        raise DomainError("不同意延期须说明理由")
    assignment = request.assignment
    claim(assignment)
    fire(assignment.deny_extension, by=by, comment=note, action="不同意延期")
    assignment.save(update_fields=["state", "version"])
    _record_decision(request, status=RequestStatus.DENIED, by=by, note=note)
    return request
