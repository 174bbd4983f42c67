"""Deadline arithmetic: pure functions over a working-day calendar loaded once.

``add_months`` follows calendar months with month-end clamping (11-30 + 3 months → 02-28/29).
Working days follow the State Council's holidays and 调休 make-up days, held in ``CalendarDay``.
A date in a year with no calendar data raises ``CalendarMissing``: deadlines are never guessed.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from proposals.errors import CalendarMissing


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later; a day the target month lacks becomes its last day."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class WorkCalendar:
    """Working days of the years it holds. Build it once with ``from_days`` or ``load``."""

    workdays: frozenset[dt.date]
    years: frozenset[int]
    _sorted: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)
    known: frozenset[dt.date] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_days(cls, days: Mapping[dt.date, bool] | Iterable[tuple[dt.date, bool]]) -> WorkCalendar:
        items = days.items() if isinstance(days, Mapping) else days
        pairs = list(items)
        workdays = frozenset(day for day, is_work in pairs if is_work)
        years = frozenset(day.year for day, _ in pairs)
        known = frozenset(day for day, _ in pairs)
        return cls(workdays=workdays, years=years, _sorted=tuple(sorted(workdays)), known=known)

    @classmethod
    def load(cls, years: Iterable[int] | None = None) -> WorkCalendar:
        """Load from the ``CalendarDay`` table (one query)."""
        from proposals.models import CalendarDay

        rows = CalendarDay.objects.all()
        if years is not None:
            rows = rows.filter(date__year__in=list(years))
        return cls.from_days(rows.values_list("date", "is_workday"))

    def _check(self, day: dt.date) -> None:
        if day.year not in self.years:
            raise CalendarMissing(f"{day.year}年的工作日历尚未导入，无法计算期限，请在后台补录该年度节假日安排")
        if self.known is not None and day not in self.known:
            # A year entered only in part: a missing day is unknown, not a holiday.
            raise CalendarMissing(f"工作日历缺少{day:%Y年%m月%d日}，无法计算期限，请在后台补全{day.year}年的日历")

    def is_workday(self, day: dt.date) -> bool:
        self._check(day)
        return day in self.workdays

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]."""
        if end <= start:
            return 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            self._check(day)
            day += dt.timedelta(days=1)
        return sum(1 for d in self._sorted if start < d <= end)


@dataclass(frozen=True)
class AssignmentDates:
    sign_due: dt.date
    adjust_until: dt.date
    base_due: dt.date


def assignment_dates(*, assigned_on: dt.date, answers: bool, rules, calendar: WorkCalendar) -> AssignmentDates:
    """The stored dates of a new assignment, from the office's rules."""
    months = rules.reply_months if answers else rules.co_opinion_months
    return AssignmentDates(
        sign_due=calendar.add_workdays(assigned_on, rules.sign_workdays),
        adjust_until=calendar.add_workdays(assigned_on, rules.adjustment_workdays),
        base_due=add_months(assigned_on, months),
    )


def extension_cap(*, assigned_on: dt.date, rules) -> dt.date:
    return add_months(assigned_on, rules.extension_cap_months)


def rehandle_due(*, evaluated_on: dt.date, rules) -> dt.date:
    return add_months(evaluated_on, rules.rehandle_months)


def evaluation_due(*, replied_on: dt.date, rules) -> dt.date:
    return add_months(replied_on, rules.evaluation_months)


def days_left(*, due: dt.date, today: dt.date) -> int:
    """Calendar days until ``due`` (negative when overdue)."""
    return (due - today).days
