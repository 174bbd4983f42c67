"""The leaders' dashboard: the year's figures, charts and lists, read-only.

Every figure on the page comes from ``reports.statistics``, read from the snapshot it builds in the
background (``reports.statistics.snapshots``); this view only chooses the period and lays them out.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from accounts.decorators import leader_or_staff_required
from common.forms import ClearMessagesForm
from reports import charts, selectors
from reports.statistics import snapshots

UNITS_PER_PAGE = 20
ARCHIVE_LIMIT = 8


class PeriodForm(ClearMessagesForm):
    """The year of the report and the date it is read as of (the end of that day)."""

    year = forms.TypedChoiceField(label="年度", coerce=int)
    as_of = forms.DateField(
        label="截至日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "请输入有效的日期，如 2025-12-31"},
    )

    def __init__(self, *args, years: list[int], today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["year"].choices = [(y, f"{y}年") for y in years]
        self.fields["year"].error_messages["invalid_choice"] = "请选择有数据的年度"

    def clean(self):
        cleaned = super().clean()
        year, as_of = cleaned.get("year"), cleaned.get("as_of")
        if year is not None and as_of is not None:
            if as_of < dt.date(year, 1, 1):
                self.add_error("as_of", f"截至日期不能早于{year}年1月1日")
            elif as_of > self.today:
                self.add_error("as_of", "截至日期不能晚于今天")
        return cleaned


def default_as_of(year: int, today: dt.date) -> dt.date:
    """Today for the current year, the year's last day for a past one."""
    return min(today, dt.date(year, 12, 31))


def _period(request: HttpRequest, today: dt.date) -> tuple[PeriodForm, int, dt.date]:
    years = selectors.report_years(current_year=today.year)
    data = request.GET if "year" in request.GET or "as_of" in request.GET else None
    form = PeriodForm(data, years=years, today=today, initial={"year": today.year})
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
        as_of = form.cleaned_data["as_of"] or default_as_of(year, today)
        return form, year, as_of
    return form, today.year, today


_drawn: dict[tuple, dict] = {}


def _snapshot_charts(snapshot) -> dict[str, dict[str, str]]:
    """The charts of a snapshot, drawn once per snapshot in this process."""
    key = getattr(snapshot, "version", None)
    if key is None:
        return _charts(snapshot.report)
    if key not in _drawn:
        _drawn.clear()
        _drawn[key] = _charts(snapshot.report)
    return _drawn[key]


def _charts(report: dict) -> dict[str, dict[str, str]]:
    """Each chart drawn twice: for a normal box and for a phone's narrow one (the page shows one)."""

    def both(draw, data) -> dict[str, str]:
        # The chart functions escape every label they draw, so their markup is safe to insert.
        return {
            "wide": mark_safe(draw(data)),
            "narrow": mark_safe(draw(data, width=charts.NARROW_WIDTH)),
        }

    return {
        "fields": both(charts.fields_chart, report["fields"]),
        "categories": both(charts.categories_chart, report["categories"]),
        "units": both(charts.unit_satisfaction_chart, report["units"]),
        "evaluations": both(charts.evaluations_chart, report["totals"]),
    }


@require_safe
@leader_or_staff_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form, year, as_of = _period(request, today)
    snapshot = snapshots.dashboard_snapshot(year=year, as_of=as_of)
    report, lists = snapshot.report, snapshot.lists
    units_page = Paginator(report["units"], UNITS_PER_PAGE).get_page(request.GET.get("units_page"))
    query = request.GET.copy()
    query.pop("units_page", None)
    fields = sorted(report["fields"].items(), key=lambda kv: (kv[0] == "未分类", -kv[1], kv[0]))
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "year": year,
            "as_of": as_of,
            "today": today,
            "is_current": as_of == today,
            "report": report,
            "totals": report["totals"],
            "rates": report["rates"],
            "fields": fields,
            "units_page": units_page,
            "units_query": query.urlencode(),
            "charts": _snapshot_charts(snapshot),
            "unit_chart_note": charts.unit_chart_note(report["units"]),
            "lists": lists,
            "archives": selectors.latest_archives(limit=ARCHIVE_LIMIT),
            "list_limit": snapshot.list_limit,
            "built_at": timezone.localtime(snapshot.built_at),
        },
    )
