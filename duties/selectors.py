"""Reads of the duty record: who may see whose record, the deputies' list, the year's 优秀建议."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.roles import deputy_of, is_leader, is_office_staff
from deputies.models import Deputy
from duties.models import ExcellentNomination
from proposals.models import Proposal

PER_PAGE = 50


def can_read_all(user) -> bool:
    return is_office_staff(user) or is_leader(user)


def deputy_for_record(user, deputy_id: int) -> Deputy:
    """A deputy whose record ``user`` may read: staff and leaders any, a deputy only their own."""
    deputy = Deputy.objects.select_related("delegation").filter(pk=deputy_id).first()
    if deputy is None:
        raise Http404("没有这位代表")
    if can_read_all(user):
        return deputy
    own = deputy_of(user)
    if own is not None and own.pk == deputy.pk:
        return deputy
    raise PermissionDenied("只能查看本人的履职档案")


def deputies_page(*, delegation_id: int | None, query: str, after: tuple[str, int] | None) -> tuple[list[Deputy], bool]:
    """One page of deputies by name (keyset on name, id), and whether more follow."""
    qs: QuerySet = Deputy.objects.select_related("delegation").order_by("name", "id")
    if delegation_id:
        qs = qs.filter(delegation_id=delegation_id)
    if query:
        qs = qs.filter(name__icontains=query)
    if after:
        name, pk = after
        qs = qs.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
    rows = list(qs[: PER_PAGE + 1])
    return rows[:PER_PAGE], len(rows) > PER_PAGE


def nominations(*, year: int) -> QuerySet:
    return (
        ExcellentNomination.objects.filter(year=year)
        .select_related("proposal__session", "proposal__lead_deputy__delegation", "nominated_by", "decided_by")
        .order_by("status", "proposal__number", "id")
    )


def nominable(user, pk: int) -> Proposal:
    if not is_office_staff(user):
        raise PermissionDenied("仅工作人员可以推荐优秀建议")
    proposal = Proposal.objects.select_related("session").filter(pk=pk).first()
    if proposal is None:
        raise Http404("没有这件议案建议")
    return proposal
