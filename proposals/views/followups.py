"""跟踪落实 for the office: every unit's promises not yet reported, by 落实时限."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import staff_required
from units.selectors import Cursor, followups_page

from ._common import today


@staff_required
@require_GET
def followups(request: HttpRequest) -> HttpResponse:
    page = followups_page(unit=None, cursor=Cursor.decode(request.GET.get("after")))
    return render(request, "proposals/followups.html", {"page": page, "today": today()})
