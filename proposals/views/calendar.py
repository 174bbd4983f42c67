"""工作日历: each year's status, and entering the State Council's arrangement for a year with a month view."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.decorators import staff_required
from proposals import selectors_calendar as sel
from proposals.errors import DomainError
from proposals.forms.calendar import OfficialArrangementForm, initial_from
from proposals.models import Assignment
from proposals.models.calendar import DaySource
from proposals.services.calendar import CalendarUpdate, calendar_days_replace, official_year_days
from proposals.views._common import today

YEARS_BEFORE, YEARS_AFTER = 1, 2
EARLIEST_YEAR = 2015


def _years() -> list[int]:
    year = today().year
    return list(range(year - YEARS_BEFORE, year + YEARS_AFTER + 1))


@staff_required
def calendar_years(request: HttpRequest) -> HttpResponse:
    return render(request, "proposals/calendar_years.html", {"statuses": sel.year_statuses(_years())})


class _DryRun(Exception):
    def __init__(self, update: CalendarUpdate):
        self.update = update


def _preview(days: dict) -> CalendarUpdate:
    """What entering ``days`` would change, computed and rolled back."""
    try:
        with transaction.atomic():
            raise _DryRun(calendar_days_replace(days=days, source=DaySource.OFFICIAL, by=None))
    except _DryRun as done:
        return done.update


@staff_required
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    if not EARLIEST_YEAR <= year <= today().year + 5:
        raise Http404("该年度不在可录入的范围内")
    stored = sel.stored_days(year)
    status = sel.year_statuses([year])[0]
    arrangement = None if status.provisional else sel.arrangement_of(stored)
    form = OfficialArrangementForm(
        request.POST if request.method == "POST" else None, year=year, initial=initial_from(arrangement)
    )
    shown, preview = stored, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            days = official_year_days(year=year, holidays=data["holidays"], make_up=data["make_up"])
            if request.POST.get("action") == "save":
                update = calendar_days_replace(days=days, source=DaySource.OFFICIAL, by=request.user)
                messages.success(request, _saved_message(year, update))
                return redirect("workbench:calendar_year", year=year)
            preview = _preview(days)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            shown = _merged(days, stored)
    context = {
        "year": year,
        "status": status,
        "form": form,
        "months": sel.month_views(year, shown, compare=stored if preview else None),
        "preview": preview,
        "moved": _moved(preview) if preview else [],
        "weekdays": sel.WEEKDAYS,
        "years": _years(),
    }
    return render(request, "proposals/calendar_year.html", context)


def _moved(update: CalendarUpdate) -> list[dict]:
    """The windows a preview would move, with their items and units (one query)."""
    ids = {c.assignment_id for c in update.changes}
    rows = Assignment.objects.filter(pk__in=ids).select_related("proposal", "unit").in_bulk()
    return [{"assignment": rows[c.assignment_id], "change": c} for c in update.changes if c.assignment_id in rows]


def _merged(days: dict, stored: dict) -> dict:
    """The year as it would be after entering ``days``: the office's own edits stay."""
    return {
        d: stored[d] if d in stored and stored[d][2] == DaySource.OFFICE else (w, n, DaySource.OFFICIAL)
        for d, (w, n) in days.items()
    }


def _saved_message(year: int, update: CalendarUpdate) -> str:
    if not update.days_changed:
        return f"{year}年的节假日安排与已录入的相同，没有改动。"
    text = f"已录入{year}年国务院节假日安排：更新{update.days_changed}天"
    if update.days_kept:
        text += f"，保留本机构调整的{update.days_kept}天"
    moved = len({c.assignment_id for c in update.changes})
    text += f"；重新计算了{moved}件的期限并已通知相关承办单位。" if moved else "；没有需要重新计算的未到期期限。"
    return text
