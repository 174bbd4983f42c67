"""The statutory calendar of a year the State Council has not announced yet (pure).

《全国年节及纪念日放假办法》 as amended in 2024 (in force from 2025) gives every citizen these days off:
元旦 1 day (1 January), 春节 4 days (除夕 and 正月初一 to 初三), 清明节 1 day (the day of the 清明 solar
term), 劳动节 2 days (1–2 May), 端午节 1 day (五月初五), 中秋节 1 day (八月十五) and 国庆节 3 days
(1–3 October). Article 6: a holiday that falls on a Saturday or Sunday is made up on a working day
(补假), which here is the next working day after the holiday. Saturdays and Sundays are rest days.

The State Council's yearly arrangement adds bridging days and 调休 make-up working days on top; those
are not predictable, so a provisional calendar has none. Lunar and solar-term dates come from
``lunar_python``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The rule above is the amended law; earlier years had other holidays (e.g. 春节 3 days).
FIRST_RULE_YEAR = 2025


@dataclass(frozen=True)
class RuleDay:
    date: dt.date
    is_workday: bool
    note: str


def _solar(lunar) -> dt.date:
    solar = lunar.getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def statutory_holidays(year: int) -> list[tuple[str, list[dt.date]]]:
    """The holidays the law gives in ``year``, each with its days (before any 补假)."""
    from lunar_python import Lunar, Solar

    new_year = _solar(Lunar.fromYmd(year, 1, 1))
    qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    return [
        ("元旦", [dt.date(year, 1, 1)]),
        ("春节", [new_year + dt.timedelta(days=n) for n in range(-1, 3)]),
        ("清明节", [dt.date(qingming.getYear(), qingming.getMonth(), qingming.getDay())]),
        ("劳动节", [dt.date(year, 5, 1), dt.date(year, 5, 2)]),
        ("端午节", [_solar(Lunar.fromYmd(year, 5, 5))]),
        ("中秋节", [_solar(Lunar.fromYmd(year, 8, 15))]),
        ("国庆节", [dt.date(year, 10, n) for n in (1, 2, 3)]),
    ]


def provisional_days(year: int) -> list[RuleDay]:
    """Every day of ``year`` under the rule: weekends and statutory holidays off, with 补假 for those on a weekend."""
    notes: dict[dt.date, str] = {}
    make_up: list[tuple[dt.date, str]] = []
    for name, days in statutory_holidays(year):
        for day in days:
            if day.year != year:
                continue
            if day in notes:
                # A holiday falling on another one (e.g. 中秋 on 1 October) is made up too.
                make_up.append((day, notes[day].split("、")[0]))
            elif day.weekday() >= 5:
                make_up.append((day, name))
            notes[day] = f"{notes[day]}、{name}" if day in notes else name
    for after, name in make_up:
        day = after + dt.timedelta(days=1)
        while day.year == year and (day.weekday() >= 5 or day in notes):
            day += dt.timedelta(days=1)
        if day.year == year:
            notes[day] = f"{name}补假"
    out = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        note = notes.get(day, "")
        out.append(RuleDay(date=day, is_workday=not note and day.weekday() < 5, note=note))
        day += dt.timedelta(days=1)
    return out
