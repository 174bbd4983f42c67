"""Writes of the public pages: scheduling an item's publication and withdrawing it."""

from __future__ import annotations

from django.utils import timezone

from proposals.choices import Disclosure
from proposals.deadlines import WorkCalendar
from proposals.errors import DomainError
from proposals.models import HandlingRules, Proposal
from proposals.services._base import audit, service
from publicsite.caching import forget_pages
from publicsite.models import Publication


def publication_schedule(*, proposal: Proposal) -> Publication | None:
    """When an item the deputy agreed to publish has its first reply of record: schedule its publication
    ``publish_workdays`` working days after the reply date. Runs inside the reply's transaction."""
    if proposal.disclosure != Disclosure.AGREE or proposal.first_replied_on is None:
        return None
    existing = Publication.objects.filter(proposal=proposal).first()
    if existing is not None:
        return existing
    rules = HandlingRules.current()
    day = proposal.first_replied_on
    calendar = WorkCalendar.load([day.year, day.year + 1])
    publish_on = calendar.add_workdays(day, rules.publish_workdays)
    return Publication.objects.create(proposal=proposal, publish_on=publish_on)


def on_reply_of_record(*, proposal, reply, **_) -> None:
    if reply.is_of_record:
        proposal.refresh_from_db(fields=["first_replied_on", "disclosure", "state"])
        publication_schedule(proposal=proposal)


@service
def publication_withdraw(*, publication: Publication, by, reason: str) -> Publication:
    """Staff take an item off the public pages, with a reason (audited)."""
    from accounts.roles import is_office_staff

    if not is_office_staff(by):
        raise DomainError("只有代表工作机构工作人员可以撤回公开")
    reason = reason.strip()
    if not reason:
        raise DomainError("撤回公开须写明理由")
    updated = Publication.objects.filter(pk=publication.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=by, withdraw_reason=reason
    )
    if updated != 1:
        raise DomainError("此件已撤回公开")
    publication.refresh_from_db()
    forget_pages()
    audit(publication.proposal, transition="publication_withdraw", by=by, comment=f"撤回公开：{reason}")
    return publication
