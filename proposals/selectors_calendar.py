"""Reading the working-day calendar for the office: each year's status, a month view, the staff banner."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from proposals.calendar_seed import ensure_years
from proposals.models import CalendarDay
from proposals.models.calendar import DaySource

# From this month on, staff are reminded that the coming year's arrangement is still to be entered.
NEXT_YEAR_NOTICE_MONTH = 11
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class YearStatus:
    year: int
    days: int
    by_source: dict[str, int]

    @property
    def provisional(self) -> bool:
        return self.by_source.get(DaySource.PROVISIONAL, 0) > 0

    @property
    def label(self) -> str:
        if self.provisional:
            return "暂定"
        if self.by_source.get(DaySource.OFFICIAL):
            return "已录入国务院安排"
        return "正式（chinesecalendar）"


def year_statuses(years: list[int]) -> list[YearStatus]:
    """The status of each of ``years``, filling a missing one first (one query when all are present)."""
    ensure_years(CalendarDay, years)
    rows = (
        CalendarDay.objects.filter(date__year__in=years)
        .values_list("date__year", "source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, Counter] = {y: Counter() for y in years}
    for year, source, n in rows:
        counts[year][source] += n
    return [YearStatus(year=y, days=sum(counts[y].values()), by_source=dict(counts[y])) for y in years]


@dataclass(frozen=True)
class DayCell:
    date: dt.date | None
    kind: str = ""  # work / rest / holiday / makeup
    note: str = ""
    provisional: bool = False
    office: bool = False
    changed: bool = False

    @property
    def label(self) -> str:
        return {"work": "工作日", "rest": "休息日", "holiday": "节假日", "makeup": "调休上班"}.get(self.kind, "")


@dataclass
class MonthView:
    month: int
    weeks: list[list[DayCell]] = field(default_factory=list)
    holidays: int = 0
    makeups: int = 0


def _kind(day: dt.date, is_work: bool, note: str) -> str:
    weekend = day.weekday() >= 5
    if is_work:
        return "makeup" if weekend else "work"
    return "rest" if weekend and not note else "holiday"


def stored_days(year: int) -> dict[dt.date, tuple[bool, str, str]]:
    ensure_years(CalendarDay, [year])
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday", "note", "source")
    return {d: (w, n, s) for d, w, n, s in rows}


def month_views(
    year: int, days: dict[dt.date, tuple[bool, str, str]], *, compare: dict | None = None
) -> list[MonthView]:
    """Twelve month grids (weeks from Monday) of ``days`` (date → working day?, note, source).

    With ``compare`` (the stored days), a day whose working status differs is marked ``changed``.
    """
    months = []
    grid = _calendar.Calendar(firstweekday=0)
    # A year entirely provisional says so once, above the grid; a mixed one marks its provisional days.
    mark = any(source != DaySource.PROVISIONAL for _w, _n, source in days.values())
    for month in range(1, 13):
        view = MonthView(month=month)
        for week in grid.monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month or day not in days:
                    cells.append(DayCell(date=None))
                    continue
                is_work, note, source = days[day]
                kind = _kind(day, is_work, note)
                view.holidays += kind == "holiday" and day.weekday() < 5
                view.makeups += kind == "makeup"
                changed = compare is not None and day in compare and compare[day][0] != is_work
                cells.append(
                    DayCell(
                        date=day,
                        kind=kind,
                        note=note,
                        provisional=mark and source == DaySource.PROVISIONAL,
                        office=source == DaySource.OFFICE,
                        changed=changed,
                    )
                )
            view.weeks.append(cells)
        months.append(view)
    return months


@dataclass(frozen=True)
class Arrangement:
    """A year's days read back as the notice states them: named holiday ranges and make-up days."""

    holidays: list[tuple[str, dt.date, dt.date]]
    make_up: list[tuple[dt.date, str]]


def arrangement_of(days: dict[dt.date, tuple[bool, str, str]]) -> Arrangement:
    holidays: list[tuple[str, dt.date, dt.date]] = []
    make_up: list[tuple[dt.date, str]] = []
    for day in sorted(days):
        is_work, note, _source = days[day]
        if is_work and day.weekday() >= 5:
            make_up.append((day, note.removesuffix("调休上班") or "调休"))
        elif not is_work and note:
            name = note.removesuffix("补假").split("、")[0]
            last = holidays[-1] if holidays else None
            if last and last[0] == name and (day - last[2]).days <= 3:
                holidays[-1] = (name, last[1], day)
            else:
                holidays.append((name, day, day))
    return Arrangement(holidays=holidays, make_up=make_up)


def provisional_notice_years(*, today: dt.date) -> list[int]:
    """The years a staff banner names: this year if provisional, and from November the next one too."""
    years = [today.year] + ([today.year + 1] if today.month >= NEXT_YEAR_NOTICE_MONTH else [])
    first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    rows = CalendarDay.objects.filter(date__range=(first, last), source=DaySource.PROVISIONAL)
    return sorted(set(rows.values_list("date__year", flat=True).distinct()))
