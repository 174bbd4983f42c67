"""A committee marks opinions and suggestions of its fields for its supervision."""

from __future__ import annotations

from django.utils import timezone

from accounts.roles import committee_of, is_office_staff
from opinions.access import committee_fields
from opinions.models import Committee, Opinion, SuggestionSupervision
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.models.proposal import EXCLUDED_STATES
from proposals.services._base import audit, claim, service, today
from proposals.services.lifecycle import locked_proposal


def _committee_for(by, committee: Committee | None) -> Committee:
    own = committee_of(by)
    if own is not None:
        if committee is not None and committee.pk != own.pk:
            raise DomainError("您只能以本委员会名义督办")
        return own
    if is_office_staff(by) and committee is not None:
        return committee
    raise DomainError("您无权确定委员会督办")


@service
def committee_supervise_opinion(*, opinion: Opinion, by, supervise: bool = True) -> Opinion:
    committee = _committee_for(by, None)
    if opinion.field not in committee_fields(committee):
        raise DomainError("该意见不属于本委员会的领域")
    if supervise and opinion.supervised_by_id not in (None, committee.pk):
        raise DomainError(f"该意见已由{opinion.supervised_by}督办")
    if not supervise and opinion.supervised_by_id != committee.pk:
        raise DomainError("该意见不在本委员会督办之列")
    claim(opinion)
    opinion.supervised_by = committee if supervise else None
    opinion.supervised_at = timezone.now() if supervise else None
    opinion.save(update_fields=["supervised_by", "supervised_at", "version"])
    return opinion


@service
def committee_supervise_suggestion(
    *, proposal: Proposal, by, committee: Committee | None = None, note: str = "", supervise: bool = True
) -> SuggestionSupervision | None:
    """A suggestion carries a supervising committee (one); a committee takes one of its fields' suggestions."""
    committee = _committee_for(by, committee)
    if not proposal.is_suggestion_track:
        raise DomainError("只有建议可以确定委员会督办")
    if committee_of(by) is not None and proposal.field not in committee_fields(committee):
        raise DomainError("该建议不属于本委员会的领域")
    current = SuggestionSupervision.objects.select_for_update().filter(proposal=proposal).first()
    if not supervise:
        if current is None or current.committee_id != committee.pk:
            raise DomainError("该建议不在本委员会督办之列")
        current.delete()
        audit(proposal, transition="committee_supervision_end", by=by, comment=f"{committee.name}结束督办")
        return None
    if current is not None:
        raise DomainError(f"该建议已由{current.committee}督办")
    row = SuggestionSupervision.objects.create(
        proposal=proposal, committee=committee, note=(note or "").strip()[:200], marked_on=today(), by=by
    )
    audit(proposal, transition="committee_supervision", by=by, comment=f"列入{committee.name}督办")
    return row


@service
def suggestion_committee_set(
    *, proposal: Proposal, by, committee: Committee | None, note: str = ""
) -> SuggestionSupervision | None:
    """The office sets, changes or clears the committee that supervises a suggestion (audited)."""
    if not is_office_staff(by):
        raise DomainError("只有代表工作机构工作人员可以确定督办委员会")
    if not proposal.is_suggestion_track:
        raise DomainError("只有建议可以确定委员会督办")
    if proposal.state in EXCLUDED_STATES:
        raise DomainError(f"此件{proposal.get_state_display()}，不能确定督办委员会")
    note = (note or "").strip()[:200]
    locked_proposal(proposal.pk)  # one change of an item's committee at a time
    current = SuggestionSupervision.objects.select_for_update().select_related("committee").filter(proposal=proposal)
    current = current.first()
    if committee is None:
        if current is None:
            raise DomainError("此件没有督办委员会")
        name = current.committee.name
        current.delete()
        audit(proposal, transition="committee_supervision_end", by=by, comment=f"取消{name}督办")
        return None
    if current is None:
        row = SuggestionSupervision.objects.create(
            proposal=proposal, committee=committee, note=note, marked_on=today(), by=by
        )
        audit(proposal, transition="committee_supervision", by=by, comment=f"列入{committee.name}督办" + _note(note))
        return row
    if current.committee_id == committee.pk and current.note == note:
        raise DomainError(f"此件已由{committee.name}督办")
    before = current.committee.name
    changed = current.committee_id != committee.pk
    current.committee, current.note, current.by = committee, note, by
    fields = ["committee", "note", "by"]
    if changed:
        current.marked_on = today()
        fields.append("marked_on")
    current.save(update_fields=fields)
    if changed:
        comment = f"督办委员会由{before}改为{committee.name}{_note(note)}"
    else:
        comment = f"{committee.name}督办重点改为：{note or '（无）'}"
    audit(proposal, transition="committee_supervision", by=by, comment=comment)
    return current


def _note(note: str) -> str:
    return f"（督办重点：{note}）" if note else ""
