"""多年重复: staff mark an item as repeating earlier years' items."""

from __future__ import annotations

from django.db import transaction

from accounts.roles import is_office_staff
from proposals.errors import DomainError
from proposals.models import Proposal
from proposals.models.proposal import ProposalState as S
from proposals.services._base import audit
from similar.models import RepeatLink


@transaction.atomic
def repeat_mark(*, by, proposal: Proposal, earlier: list[Proposal], note: str = "") -> list[RepeatLink]:
    """Link ``proposal`` to the earlier items it repeats; the item's history records it."""
    if not is_office_staff(by):
        raise DomainError("您无权标记多年重复")
    if proposal.state in (S.DRAFT, S.WITHDRAWN):
        raise DomainError("草稿和已撤回的件不能标记多年重复")
    if not earlier:
        raise DomainError("请至少选择一件往年的议案建议")
    for other in earlier:
        if other.pk == proposal.pk or other.session.year >= proposal.session.year:
            raise DomainError(f"“{other.title}”不是往年的议案建议")
    created = []
    for other in earlier:
        link, made = RepeatLink.objects.get_or_create(
            proposal=proposal, earlier=other, defaults={"note": note, "marked_by": by}
        )
        if made:
            created.append(link)
    if created:
        names = "、".join(f"{link.earlier.session.year}年 {link.earlier.number or '未编号'}" for link in created)
        audit(
            proposal,
            transition="repeat_mark",
            by=by,
            comment=f"标记为多年重复：{names}" + (f"（{note}）" if note else ""),
        )
    return created


@transaction.atomic
def repeat_unmark(*, by, link: RepeatLink) -> None:
    if not is_office_staff(by):
        raise DomainError("您无权取消多年重复标记")
    audit(
        link.proposal,
        transition="repeat_unmark",
        by=by,
        comment=f"取消多年重复标记：{link.earlier.number or link.earlier.title}",
    )
    link.delete()
