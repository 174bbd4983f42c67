"""JSON look-ups behind the searchable selects (deputies, units, items to merge into)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts.decorators import staff_required
from deputies.models import Deputy
from proposals.forms.fields import deputy_label, proposal_label
from proposals.models import Proposal
from proposals.models.proposal import EXCLUDED_STATES
from units.models import Unit

LIMIT = 20


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


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
    q = request.GET.get("q", "").strip()
    qs = Unit.objects.filter(active=True)
    if q:
        qs = qs.filter(name__icontains=q)
    return _results(qs.order_by("name", "id")[:LIMIT], str)


@staff_required
@require_GET
def proposals(request: HttpRequest) -> JsonResponse:
    """Items one may merge into: same session, still valid, not the item itself."""
    q = request.GET.get("q", "").strip()
    qs = Proposal.objects.exclude(state__in=EXCLUDED_STATES)
    session_id, exclude_id = _int(request.GET.get("session")), _int(request.GET.get("exclude"))
    if session_id:
        qs = qs.filter(session_id=session_id)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    if q:
        qs = qs.filter(Q(number__istartswith=q) | Q(title__icontains=q))
    return _results(qs.order_by("number", "id")[:LIMIT], proposal_label)
