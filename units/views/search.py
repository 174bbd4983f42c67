from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts.decorators import unit_required
from units import selectors
from units.views._common import current_unit


@unit_required
@require_GET
def unit_search(request: HttpRequest) -> JsonResponse:
    """Units by any part of their name, short name or aliases, to propose which unit should handle an item
    instead (at most 20)."""
    found = selectors.unit_search(query=request.GET.get("q", ""), exclude=current_unit(request))
    return JsonResponse({"results": [{"id": u.pk, "name": u.name, "detail": u.short_name} for u in found]})
