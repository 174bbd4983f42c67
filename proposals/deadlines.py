"""Deadline arithmetic: pure functions over a working-day calendar loaded once.

``add_months`` follows calendar months with month-end clamping (11-30 + 3 months → 02-28/29).
Working days follow the State Council's holidays and 调休 make-up days, held in ``CalendarDay``.
A calendar built from given days raises ``CalendarMissing`` for a date it does not hold; ``load``
first fills the years asked for (from the package, or provisionally from the law), so in normal use
a deadline can always be computed, and one counted over provisional days says so (``provisional_between``).
"""

from __future__ import annotations

import bisect
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
    provisional: tuple[dt.date, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_days(
        cls,
        days: Mapping[dt.date, bool] | Iterable[tuple[dt.date, bool]],
        *,
        provisional: Iterable[dt.date] = (),
    ) -> WorkCalendar:
        items = days.items() if isinstance(days, Mapping) else days
        pairs = list(items)
        workdays = frozenset(day for day, is_work in pairs if is_work)
        years = frozenset(day.year for day, _ in pairs)
        known = frozenset(day for day, _ in pairs)
        return cls(
            workdays=workdays,
            years=years,
            _sorted=tuple(sorted(workdays)),
            known=known,
            provisional=tuple(sorted(provisional)),
        )

    @classmethod
    def load(cls, years: Iterable[int] | None = None) -> WorkCalendar:
        """Load from the ``CalendarDay`` table (one query when the years are complete).

        A year asked for that is missing or incomplete is filled first: from chinesecalendar when the
        package has it, otherwise provisionally from the statutory rule (see ``calendar_seed.ensure_years``).
        """
        from proposals.calendar_seed import ensure_years
        from proposals.models import CalendarDay
        from proposals.models.calendar import DaySource

        def read() -> list[tuple[dt.date, bool, str]]:
            rows = CalendarDay.objects.all()
            if years is not None:
                rows = rows.filter(date__year__in=wanted)
            return list(rows.values_list("date", "is_workday", "source"))

        wanted = sorted(set(years)) if years is not None else []
        rows = read()
        if years is not None:
            held: dict[int, int] = {}
            for day, _, _ in rows:
                held[day.year] = held.get(day.year, 0) + 1
            incomplete = [y for y in wanted if held.get(y, 0) < _days_in_year(y)]
            if incomplete and ensure_years(CalendarDay, incomplete):
                rows = read()
        return cls.from_days(
            [(day, is_work) for day, is_work, _ in rows],
            provisional=[day for day, _, source in rows if source == DaySource.PROVISIONAL],
        )

    def provisional_between(self, start: dt.date, end: dt.date) -> bool:
        """Whether a window from ``start`` to ``end`` was counted over a provisional day in (start, end]."""
        index = bisect.bisect_right(self.provisional, start)
        return index < len(self.provisional) and self.provisional[index] <= end

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


def _days_in_year(year: int) -> int:
    return 366 if _calendar.isleap(year) else 365


@dataclass(frozen=True)
class AssignmentDates:
    sign_due: dt.date
    adjust_until: dt.date
    base_due: dt.date
    sign_due_provisional: bool = False
    adjust_until_provisional: bool = False


def assignment_dates(*, assigned_on: dt.date, answers: bool, rules, calendar: WorkCalendar) -> AssignmentDates:
    """The stored dates of a new assignment, from the office's rules."""
    months = rules.reply_months if answers else rules.co_opinion_months
    sign_due = calendar.add_workdays(assigned_on, rules.sign_workdays)
    adjust_until = calendar.add_workdays(assigned_on, rules.adjustment_workdays)
    return AssignmentDates(
        sign_due=sign_due,
        adjust_until=adjust_until,
        base_due=add_months(assigned_on, months),
        sign_due_provisional=calendar.provisional_between(assigned_on, sign_due),
        adjust_until_provisional=calendar.provisional_between(assigned_on, adjust_until),
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
