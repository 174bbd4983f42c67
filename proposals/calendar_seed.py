"""Seed the working-day calendar: from the ``chinesecalendar`` package, or provisionally from the law.

A year the package covers is seeded from it; a later year gets the statutory provisional calendar
(``calendar_rule``), marked ``provisional``. Days the office wrote (``official`` / ``office``) are
never overwritten by either.
"""

from __future__ import annotations

import datetime as dt

from proposals.calendar_rule import FIRST_RULE_YEAR, provisional_days

# How many years after the current one are kept ready (provisionally when the package lacks them).
YEARS_AHEAD = 2


def package_years() -> range:
    import chinese_calendar

    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


def calendar_days(year: int) -> list[tuple[dt.date, bool, str]]:
    """Every day of ``year`` with its working-day flag and holiday name, from the package."""
    import chinese_calendar

    day = dt.date(year, 1, 1)
    out = []
    while day.year == year:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        is_work = chinese_calendar.is_workday(day)
        note = ""
        if name:
            note = _HOLIDAY_NAMES.get(str(name), str(name)) + ("" if on_holiday else "调休上班")
        out.append((day, is_work, note))
        day += dt.timedelta(days=1)
    return out


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


FIRST_SEEDED_YEAR = 2015


def default_years() -> list[int]:
    """The years seeded automatically: every year the package covers from 2015 on."""
    return [year for year in package_years() if year >= FIRST_SEEDED_YEAR]


def seed_after_migrate(*, app_config, using, apps=None, **kwargs) -> None:
    """``post_migrate``: add the package's days still missing (a new year after upgrading chinesecalendar,
    or the whole table after a flush). Days already stored — including admin edits — are never overwritten."""
    if app_config.label != "proposals":
        return
    from django.apps import apps as global_apps
    from django.db import connections

    try:
        model = (apps or global_apps).get_model("proposals", "CalendarDay")
    except LookupError:
        return
    connection = connections[using]
    if model._meta.db_table not in connection.introspection.table_names():
        return
    seed(model, default_years(), using=using)
    if _has_source(model):
        ensure_years(model, years_ahead(), using=using)


def years_ahead(today: dt.date | None = None) -> list[int]:
    from django.utils import timezone

    today = today or timezone.localdate()
    return list(range(today.year, today.year + YEARS_AHEAD + 1))


def _has_source(model) -> bool:
    return any(f.name == "source" for f in model._meta.concrete_fields)


def seed(model, years: range | list[int] | None = None, *, using: str = "default") -> int:
    """Insert the days of ``years`` missing from ``model`` (the CalendarDay model); returns the count."""
    years = years if years is not None else package_years()
    manager = model.objects.db_manager(using)
    existing = set(manager.filter(date__year__in=list(years)).values_list("date", flat=True))
    extra = {"source": "package"} if _has_source(model) else {}
    rows = [
        model(date=day, is_workday=is_work, note=note, **extra)
        for year in years
        for day, is_work, note in calendar_days(year)
        if day not in existing
    ]
    manager.bulk_create(rows, batch_size=2000)
    return len(rows)


def derivable(year: int) -> str | None:
    """How a missing ``year`` can be filled: "package", "provisional", or None (before the package's data)."""
    covered = package_years()
    if year in covered:
        return "package"
    if year > covered[-1] and year >= FIRST_RULE_YEAR:
        return "provisional"
    return None


def ensure_years(model, years, *, using: str = "default") -> int:
    """Add the missing days of ``years``: from the package when it has the year, else provisionally.

    Days already stored are kept (``ignore_conflicts``, so two requests filling the same year at once
    are harmless). Returns the number of days added.
    """
    rows = []
    for year in sorted(set(years)):
        how = derivable(year)
        if how == "package":
            rows += [
                model(date=day, is_workday=is_work, note=note, source="package")
                for day, is_work, note in calendar_days(year)
            ]
        elif how == "provisional":
            rows += [
                model(date=d.date, is_workday=d.is_workday, note=d.note, source="provisional")
                for d in provisional_days(year)
            ]
    if not rows:
        return 0
    manager = model.objects.db_manager(using)
    before = manager.filter(date__year__in=list(years)).count()
    manager.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return manager.filter(date__year__in=list(years)).count() - before


def package_days(years) -> dict[dt.date, tuple[bool, str]]:
    """Every day of ``years`` as the installed package gives it (working day?, note)."""
    return {day: (is_work, note) for year in years for day, is_work, note in calendar_days(year)}
