"""Intake: drafting, submitting, registering and the review decisions (立案 / 不予立案 / 并案 / 议案)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import IntegerField
from django.db.models.functions import Cast

from common.limits import CONTENT_MAX, REASON_MAX, TITLE_MAX
from deputies.models import Deputy, Session
from proposals.choices import Disclosure, Kind
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.models.proposal import ProposalState as S
from proposals.services._base import check_length, claim, fire, service, today

CONTENT_FIELDS = ("title", "content", "field", "kind", "session")


def _check_co_signers(lead: Deputy, co_signers: list[Deputy]) -> list[Deputy]:
    unique = {d.pk: d for d in co_signers if d.pk != lead.pk}
    return list(unique.values())


def _check_content(*, title: str, kind: str, content: str = "") -> str:
    title = title.strip()
    if not title:
        raise DomainError("标题不能为空")
    check_length(title, limit=TITLE_MAX, label="标题")
    check_length(content, limit=CONTENT_MAX, label="内容")
    if kind not in Kind.values:
        raise DomainError("类型必须是议案或建议")
    return title


def _set_co_signers(proposal: Proposal, *, by, co_signers: list[Deputy]) -> None:
    """Staff record co-signers who signed on paper (they count at once); a deputy invites them."""
    from accounts.roles import is_office_staff
    from proposals.services.cosigning import invitations_sync

    chosen = _check_co_signers(proposal.lead_deputy, co_signers)
    if is_office_staff(by):
        proposal.co_signers.set(chosen)
    else:
        invitations_sync(proposal=proposal, by=by, chosen=chosen)


def _check_drafter(*, by, lead_deputy: Deputy) -> None:
    """Deputies draft their own items; office staff may draft on a deputy's behalf."""
    from accounts.roles import deputy_of, is_office_staff

    if is_office_staff(by):
        return
    deputy = deputy_of(by)
    if deputy is None or deputy.pk != lead_deputy.pk:
        raise DomainError("您无权以该代表名义起草或修改议案建议")


@service
def proposal_create(
    *,
    by,
    session: Session,
    kind: str,
    title: str,
    content: str = "",
    field: str = "",
    lead_deputy: Deputy,
    co_signers: list[Deputy] | None = None,
    submitted_on: dt.date | None = None,
    number: str | None = None,
) -> Proposal:
    """A new draft. Deputies draft their own items; staff may draft on a deputy's behalf."""
    _check_drafter(by=by, lead_deputy=lead_deputy)
    title = _check_content(title=title, kind=kind, content=content)
    number = (number or "").strip() or None
    if number and Proposal.objects.filter(session=session, number=number).exists():
        raise DomainError(f"{session.name}中已有编号为{number}的议案建议")
    proposal = Proposal.objects.create(
        session=session,
        kind=kind,
        title=title,
        content=content,
        field=field.strip(),
        lead_deputy=lead_deputy,
        submitted_on=submitted_on,
        number=number,
        created_by=by,
    )
    _set_co_signers(proposal, by=by, co_signers=co_signers or [])
    return proposal


@service
def proposal_update_draft(
    *, proposal: Proposal, by, title: str, content: str, field: str, kind: str, co_signers: list[Deputy]
) -> Proposal:
    if proposal.state != S.DRAFT:
        raise DomainError("只有草稿可以修改")
    _check_drafter(by=by, lead_deputy=proposal.lead_deputy)
    title = _check_content(title=title, kind=kind, content=content)
    claim(proposal)
    proposal.title, proposal.content, proposal.field, proposal.kind = title, content, field.strip(), kind
    proposal.save(update_fields=["title", "content", "field", "kind", "version", "updated_at"])
    _set_co_signers(proposal, by=by, co_signers=co_signers)
    return proposal


@service
def proposal_submit(
    *, proposal: Proposal, by, comment: str = "", disclosure: str | None = None, non_disclosure_reason: str = ""
) -> Proposal:
    """Send the item to the office. A deputy submitting an item that needs co-signers needs enough of them
    accepted (office staff entering a paper submission have checked the signatures themselves). The deputy
    may say here whether it may be published (同意公开) or why not (不公开原由); an item without that
    consent is never published."""
    from accounts.roles import is_office_staff
    from proposals.services.cosigning import check_enough_co_signers

    if not is_office_staff(by):
        check_enough_co_signers(proposal)
    fields = ["state", "version", "submitted_on", "updated_at"]
    if disclosure is not None:
        reason = non_disclosure_reason.strip()
        if disclosure not in Disclosure.values:
            raise DomainError("请选择是否同意公开")
        if disclosure == Disclosure.REFUSE and not reason:
            raise DomainError("不同意公开的，请写明不公开原由")
        proposal.disclosure = disclosure
        proposal.non_disclosure_reason = reason if disclosure == Disclosure.REFUSE else ""
        fields += ["disclosure", "non_disclosure_reason"]
    claim(proposal)
    fire(proposal.submit, by=by, comment=comment, action="提交")
    if proposal.submitted_on is None:
        proposal.submitted_on = today()
    proposal.save(update_fields=fields)
    return proposal


@service
def proposal_withdraw(*, proposal: Proposal, by, comment: str = "") -> Proposal:
    claim(proposal)
    fire(proposal.withdraw, by=by, comment=comment, action="撤回")
    proposal.save(update_fields=["state", "version", "updated_at"])
    return proposal


def _next_number(session: Session) -> str:
    numbers = (
        Proposal.objects.filter(session=session, number__regex=r"^[0-9]+$")
        .annotate(n=Cast("number", IntegerField()))
        .order_by("-n")
        .values_list("n", flat=True)
    )
    last = numbers.first() or 0
    return f"{last + 1:04d}"


@service
def proposal_register(*, proposal: Proposal, by, number: str | None = None, comment: str = "") -> Proposal:
    """立案: accept the item and give it its number within the session."""
    claim(proposal)
    fire(proposal.register, by=by, comment=comment, action="立案")
    number = (number or "").strip() or proposal.number or _next_number(proposal.session)
    if Proposal.objects.filter(session=proposal.session_id, number=number).exclude(pk=proposal.pk).exists():
        raise DomainError(f"编号{number}在本次会议中已被使用")
    proposal.number = number
    try:
        with transaction.atomic():
            proposal.save(update_fields=["state", "version", "number", "updated_at"])
    except IntegrityError as exc:
        raise DomainError(f"编号{number}在本次会议中已被使用") from exc
    return proposal


@service
def proposal_reject(*, proposal: Proposal, by, reason: str) -> Proposal:
    """不予立案, with the reason the deputy will read."""
    reason = reason.strip()
    if not reason:
        raise DomainError("不予立案必须填写理由")
    check_length(reason, limit=REASON_MAX, label="不予立案理由")
    claim(proposal)
    fire(proposal.reject, by=by, comment=reason, action="不予立案", reason=reason)
    proposal.save(update_fields=["state", "version", "reject_reason", "updated_at"])
    return proposal


@service
def proposal_merge(*, proposal: Proposal, into: Proposal, by, comment: str = "") -> Proposal:
    """并案: fold this item into another one of the same session."""
    if into.pk == proposal.pk:
        raise DomainError("不能并入自身")
    if into.session_id != proposal.session_id:
        raise DomainError("只能并入同一次会议的议案建议")
    if into.state in (S.DRAFT, S.WITHDRAWN, S.REJECTED, S.MERGED):
        raise DomainError("并入的目标必须是有效的议案建议")
    claim(proposal)
    fire(proposal.merge, by=by, comment=comment or f"并入{into}", action="并案", into=into)
    proposal.save(update_fields=["state", "version", "merged_into", "updated_at"])
    return proposal


@service
def motion_decide(*, proposal: Proposal, by, decision: str, comment: str = "") -> Proposal:
    """The 主席团's decision on a registered motion: to_agenda, not_to_agenda or convert (议案转建议)."""
    methods = {
        "to_agenda": (proposal.to_agenda, "列入议程"),
        "not_to_agenda": (proposal.not_to_agenda, "决定不列入议程"),
        "convert": (proposal.convert, "转为建议"),
    }
    if decision not in methods:
        raise DomainError("未知的议案处理决定")
    if proposal.kind != Kind.MOTION:
        raise DomainError("只有议案可以作出此决定")
    method, label = methods[decision]
    claim(proposal)
    fire(method, by=by, comment=comment, action=label)
    if proposal.state == S.REGISTERED and not proposal.number:
        # A motion converted straight from review is registered here, so it is numbered here.
        proposal.number = _next_number(proposal.session)
    try:
        with transaction.atomic():
            proposal.save(update_fields=["state", "version", "motion_outcome", "number", "updated_at"])
    except IntegrityError as exc:
        raise DomainError(f"编号{proposal.number}在本次会议中已被使用，请重试") from exc
    return proposal
