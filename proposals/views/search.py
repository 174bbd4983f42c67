"""JSON look-ups behind the searchable selects (deputies, units, items to merge into)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts.decorators import staff_required
from common.ids import parse_id
from deputies.models import Deputy
from proposals.forms.fields import deputy_label, proposal_label, unit_label
from proposals.models import Proposal
from proposals.models.proposal import EXCLUDED_STATES
from units.models import Unit
from units.selectors import units_matching

LIMIT = 20


class _BadParameter(Exception):
    pass


def _id_param(request: HttpRequest, name: str) -> int | None:
    """An optional id parameter; a malformed one is a bad request, not a filter silently dropped."""
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    number = parse_id(raw)
    if number is None:
        raise _BadParameter(name)
    return number


def _results(items, label) -> JsonResponse:
    return JsonResponse({"results": [{"id": obj.pk, "text": label(obj)} for obj in items]})


@staff_required
@require_GET
def deputies(request: HttpRequest) -> JsonResponse:
    q = request.GET.get("q", "").strip()
    qs = Deputy.objects.select_related("delegation").filter(active=True)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(delegation__name__icontains=q))
    return _results(qs.order_by("name", "id")[:LIMIT], deputy_label)


@staff_required
@require_GET
def units(request: HttpRequest) -> JsonResponse:
    """Active units by any part of their name, short name or aliases, shown with their short name."""
    q = request.GET.get("q", "").strip()
    qs = Unit.objects.filter(active=True)
    if q:
        qs = qs.filter(units_matching(q))
    return _results(qs.order_by("name", "id")[:LIMIT], unit_label)


@staff_required
@require_GET
def proposals(request: HttpRequest) -> JsonResponse:
    """Items one may merge into: same session, still valid, not the item itself."""
    q = request.GET.get("q", "").strip()
    qs = Proposal.objects.exclude(state__in=EXCLUDED_STATES)
    try:
        session_id, exclude_id = _id_param(request, "session"), _id_param(request, "exclude")
    except _BadParameter as bad:
        return JsonResponse({"results": [], "error": f"参数{bad}不是有效的编号"}, status=400)
    if session_id:
        qs = qs.filter(session_id=session_id)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    if q:
        qs = qs.filter(Q(number__istartswith=q) | Q(title__icontains=q))
    return _results(qs.order_by("number", "id")[:LIMIT], proposal_label)
