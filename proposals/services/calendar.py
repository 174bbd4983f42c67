"""Writing the working-day calendar, and reconciling the stored windows that were counted over it.

Every change of calendar days goes through ``calendar_days_replace``: the State Council's arrangement
entered by the office (``calendar_enter_official``), a newer chinesecalendar (``calendar_import_package``)
or an office's edit of one day. Each stored working-day window that is still open and lies ahead
(签收期限 of a unit that has not signed, 申请调整截止 of a live assignment) and whose span contains a
changed day is recounted over the new days with the same number of working days. A window that moves
gets an audit row and its unit a notification; a window already passed keeps its date. Replacing days
with the same days changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q

from proposals import calendar_seed, events
from proposals.deadlines import WorkCalendar
from proposals.errors import DomainError
from proposals.models import Assignment, CalendarDay
from proposals.models.assignment import ACTIVE_STATES
from proposals.models.calendar import DaySource
from proposals.services._base import audit, service, today

AUDIT_TRANSITION = "calendar_update"
MAX_HOLIDAY_DAYS = 15


@dataclass(frozen=True)
class Window:
    """One stored working-day window of an assignment."""

    date_field: str
    mark_field: str
    label: str

    def is_open(self, assignment: Assignment) -> bool:
        if assignment.state not in ACTIVE_STATES:
            return False
        return assignment.signed_at is None if self.date_field == "sign_due" else True


WINDOWS = (
    Window("sign_due", "sign_due_provisional", "签收期限"),
    Window("adjust_until", "adjust_until_provisional", "申请调整截止日期"),
)


@dataclass(frozen=True)
class WindowChange:
    assignment_id: int
    label: str
    old: dt.date
    new: dt.date


@dataclass
class CalendarUpdate:
    days_changed: int = 0
    days_kept: int = 0
    changes: list[WindowChange] = field(default_factory=list)
    marks_cleared: int = 0


def _years_around(days) -> list[int]:
    years = {d.year for d in days}
    return sorted(years | {y - 1 for y in years} | {y + 1 for y in years})


# Which source may replace which: the office's own edit wins over everything, then the notice it
# entered, then the package; a provisional day never replaces another day.
RANK = {DaySource.PROVISIONAL: 0, DaySource.PACKAGE: 1, DaySource.OFFICIAL: 2, DaySource.OFFICE: 3}


def _candidates(*, flipped: list[dt.date], touched: list[dt.date]) -> list[Assignment]:
    """Assignments with a window spanning a day whose working status changes, or marked provisional over
    a day that is no longer provisional."""
    spans = Q()
    for day in flipped:
        for window in WINDOWS:
            spans |= Q(assigned_on__lt=day, **{f"{window.date_field}__gte": day})
    for window in WINDOWS:
        spans |= Q(assigned_on__lt=touched[-1], **{f"{window.date_field}__gte": touched[0], window.mark_field: True})
    return list(Assignment.objects.select_for_update().filter(spans).order_by("pk"))


@service
def calendar_days_replace(
    *, days: dict[dt.date, tuple[bool, str]], source: str, by, on: dt.date | None = None
) -> CalendarUpdate:
    """Store ``days`` (date → working day?, note) with ``source`` and reconcile the windows over them."""
    on = on or today()
    result = CalendarUpdate()
    if not days:
        return result
    stored = {
        row.date: row for row in CalendarDay.objects.select_for_update().filter(date__in=list(days)).order_by("date")
    }
    writes: dict[dt.date, tuple[bool, str]] = {}
    for day, (is_work, note) in days.items():
        row = stored.get(day)
        if row is not None and RANK.get(row.source, 1) > RANK[source]:
            result.days_kept += 1
        elif row is None or (row.is_workday, row.note, row.source) != (is_work, note[:50], source):
            writes[day] = (is_work, note[:50])
    if not writes:
        return result
    flipped = [d for d, (is_work, _) in writes.items() if d in stored and stored[d].is_workday != is_work]
    touched = sorted(writes)
    assignments = _candidates(flipped=flipped, touched=touched)
    years = _years_around(touched + [a.assigned_on for a in assignments])
    before = WorkCalendar.load(years=years)
    counts = {
        (a.pk, w.date_field): before.workdays_between(a.assigned_on, getattr(a, w.date_field))
        for a in assignments
        for w in WINDOWS
    }
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=d, is_workday=w, note=n, source=source) for d, (w, n) in writes.items()],
        update_conflicts=True,
        unique_fields=["date"],
        update_fields=["is_workday", "note", "source"],
    )
    result.days_changed = len(writes)
    after = WorkCalendar.load(years=years)
    for assignment in assignments:
        _reconcile(assignment, after=after, counts=counts, on=on, by=by, out=result)
    return result


def _reconcile(assignment, *, after, counts, on, by, out: CalendarUpdate) -> None:
    updates: dict[str, object] = {}
    changes: list[WindowChange] = []
    for window in WINDOWS:
        old = getattr(assignment, window.date_field)
        new = after.add_workdays(assignment.assigned_on, counts[(assignment.pk, window.date_field)])
        mark = after.provisional_between(assignment.assigned_on, new)
        if new != old:
            # Only a window still open and ahead moves; one already passed stays as it was.
            if window.is_open(assignment) and old >= on and new >= on:
                updates[window.date_field] = new
                updates[window.mark_field] = mark
                changes.append(WindowChange(assignment.pk, window.label, old, new))
        elif getattr(assignment, window.mark_field) != mark:
            updates[window.mark_field] = mark
            out.marks_cleared += not mark
    if not updates:
        return
    Assignment.objects.filter(pk=assignment.pk).update(version=F("version") + 1, **updates)
    for name, value in updates.items():
        setattr(assignment, name, value)
    assignment.version += 1
    if changes:
        out.changes.extend(changes)
        comment = "工作日历更新：" + "；".join(f"{c.label}由 {c.old:%Y-%m-%d} 调整为 {c.new:%Y-%m-%d}" for c in changes)
        audit(assignment, transition=AUDIT_TRANSITION, by=by, comment=comment, state=assignment.state)
        events.emit(events.CALENDAR_WINDOWS_CHANGED, assignment=assignment, changes=changes)


# --- the State Council's arrangement, entered by the office ---------------------------------------


@dataclass(frozen=True)
class Holiday:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class MakeUpDay:
    date: dt.date
    name: str


def official_year_days(*, year: int, holidays: list[Holiday], make_up: list[MakeUpDay]) -> dict:
    """The whole ``year`` under the notice: weekends and the holiday ranges off, make-up days worked."""
    if not holidays:
        raise DomainError("请至少录入一个放假安排")
    days: dict[dt.date, tuple[bool, str]] = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        days[day] = (day.weekday() < 5, "")
        day += dt.timedelta(days=1)
    off: dict[dt.date, str] = {}
    for holiday in holidays:
        name = holiday.name.strip()
        if not name:
            raise DomainError("每段放假安排都要填写节日名称")
        if holiday.start.year != year or holiday.end.year != year:
            raise DomainError(f"{name}的放假日期须在{year}年内")
        if holiday.end < holiday.start:
            raise DomainError(f"{name}的放假结束日期不能早于开始日期")
        if (holiday.end - holiday.start).days + 1 > MAX_HOLIDAY_DAYS:
            raise DomainError(f"{name}的放假时间超过{MAX_HOLIDAY_DAYS}天，请核对")
        day = holiday.start
        while day <= holiday.end:
            if day in off:
                raise DomainError(f"{day:%m月%d日}同时出现在{off[day]}和{name}的放假安排中")
            off[day] = name
            days[day] = (False, name)
            day += dt.timedelta(days=1)
    seen: set[dt.date] = set()
    for item in make_up:
        name = item.name.strip()
        if not name:
            raise DomainError(f"请写明{item.date:%m月%d日}调休上班对应的节日")
        if item.date.year != year:
            raise DomainError(f"调休上班日{item.date:%Y年%m月%d日}不在{year}年内")
        if item.date in off:
            raise DomainError(f"{item.date:%m月%d日}已在{off[item.date]}放假安排中，不能同时是调休上班日")
        if item.date.weekday() < 5:
            raise DomainError(f"{item.date:%m月%d日}本来就是工作日，调休上班日应为周六或周日")
        if item.date in seen:
            raise DomainError(f"调休上班日{item.date:%m月%d日}重复录入")
        seen.add(item.date)
        days[item.date] = (True, f"{name}调休上班")
    return days


def calendar_enter_official(
    *, year: int, holidays: list[Holiday], make_up: list[MakeUpDay], by, on: dt.date | None = None
) -> CalendarUpdate:
    """The office enters the State Council's arrangement for ``year``; days it adjusted itself are kept."""
    days = official_year_days(year=year, holidays=holidays, make_up=make_up)
    return calendar_days_replace(days=days, source=DaySource.OFFICIAL, by=by, on=on)


def calendar_import_package(*, years: list[int], by=None, on: dt.date | None = None) -> CalendarUpdate:
    """Take ``years`` from the installed chinesecalendar, replacing provisional days, keeping the office's."""
    available = calendar_seed.package_years()
    missing = [y for y in years if y not in available]
    if missing:
        raise DomainError(f"chinesecalendar 尚无{'、'.join(map(str, missing))}年数据")
    return calendar_days_replace(days=calendar_seed.package_days(years), source=DaySource.PACKAGE, by=by, on=on)


def calendar_day_edit(*, day: dt.date, is_workday: bool, note: str, by, on: dt.date | None = None) -> CalendarUpdate:
    """The office's own edit of one day; it wins over every import."""
    return calendar_days_replace(days={day: (is_workday, note)}, source=DaySource.OFFICE, by=by, on=on)
