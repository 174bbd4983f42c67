"""跟踪落实 in the unit portal: the unit's open promises, and reporting each one as done or not."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import unit_required
from proposals import services
from proposals.errors import DomainError
from units import selectors
from units.forms import FollowUpReportForm
from units.views._common import current_unit


def _render(request: HttpRequest, *, bound: dict | None = None, status: int = 200) -> HttpResponse:
    unit = current_unit(request)
    cursor = selectors.Cursor.decode(request.GET.get("after"))
    page = selectors.followups_page(unit=unit, cursor=cursor)
    for action in page.rows:
        action.form = (bound or {}).get(action.pk) or FollowUpReportForm(prefix=f"f{action.pk}")
    return render(
        request,
        "units/followups.html",
        {"unit": unit, "page": page, "today": timezone.localdate()},
        status=status,
    )


@unit_required
@require_GET
def followups(request: HttpRequest) -> HttpResponse:
    return _render(request)


@unit_required
@require_POST
def followup_report(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.unit_followup(request.user, pk)
    form = FollowUpReportForm(request.POST, prefix=f"f{pk}")
    if form.is_valid():
        try:
            services.followup_report(
                action=action,
                by=request.user,
                done=form.cleaned_data["outcome"] == "done",
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "落实情况已报告，代表将收到落实情况")
            return redirect("unitportal:followups")
    return _render(request, bound={pk: form})
