"""交办: choose the handling mode and the units, with the dates the assignment will get."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.decorators import staff_required
from proposals import services
from proposals.choices import Role
from proposals.errors import CalendarMissing, DomainError
from proposals.forms import AssignForm
from proposals.models.assignment import LIVE_STATES
from proposals.models.proposal import ProposalState
from proposals.selectors import proposal_for_user


def _suggested_dates() -> tuple[dict | None, str]:
    try:
        return services.suggested_due_dates(), ""
    except CalendarMissing as error:
        return None, error.message


@staff_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for_user(request.user, pk)
    live = list(proposal.assignments.filter(state__in=LIVE_STATES).select_related("unit").order_by("role", "id"))
    reassigning = bool(proposal.handling_mode and live)
    initial = {
        "version": proposal.version,
        "mode": proposal.handling_mode or "single",
        # Re-assigning keeps the units still handling the item: they are part of the plan, with their own clocks.
        "lead_units": [a.unit_id for a in live if a.role != Role.CO],
        "co_units": [a.unit_id for a in live if a.role == Role.CO],
    }
    form = AssignForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal.version = data["version"]
        try:
            created = services.proposal_assign(
                proposal=proposal,
                by=request.user,
                mode=data["mode"],
                lead_units=list(data["lead_units"]),
                co_units=list(data["co_units"]),
                comment=data["comment"],
            )
        except DomainError as error:
            messages.error(request, error.message)
            proposal = proposal_for_user(request.user, pk)
            form.data = form.data.copy()
            form.data["version"] = str(proposal.version)
        else:
            names = "、".join(a.unit.name for a in created)
            messages.success(request, f"已交办：{names}")
            return redirect("workbench:detail", pk=pk)
    dates, calendar_warning = _suggested_dates()
    can_assign = proposal.state == ProposalState.REGISTERED and proposal.is_suggestion_track
    return render(
        request,
        "proposals/assign.html",
        {
            "p": proposal,
            "form": form,
            "dates": dates,
            "calendar_warning": calendar_warning,
            "live_assignments": live,
            "reassigning": reassigning,
            "can_assign": can_assign,
        },
    )
