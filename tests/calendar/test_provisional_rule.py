"""The statutory provisional calendar: derived from the law, checked against the official years."""

import datetime as dt

import chinese_calendar
import pytest

from proposals.calendar_rule import provisional_days, statutory_holidays

D = dt.date


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_holiday_the_rule_gives_is_a_holiday_in_the_official_year(year):
    rule_off = [d for d in provisional_days(year) if not d.is_workday and d.date.weekday() < 5]
    assert len(rule_off) >= 13  # 元旦 1 + 春节 4 + 清明 1 + 劳动 2 + 端午 1 + 中秋 1 + 国庆 3, less weekends, plus 补假
    not_official = [(d.date, d.note) for d in rule_off if chinese_calendar.is_workday(d.date)]
    assert not_official == []


@pytest.mark.parametrize("year", range(2008, 2027))
def test_the_lunar_and_solar_term_holidays_fall_on_official_holidays(year):
    by_name = dict(statutory_holidays(year))
    for name in ("清明节", "端午节", "中秋节"):
        (day,) = by_name[name]
        assert not chinese_calendar.is_workday(day), (name, day)
    assert not chinese_calendar.is_workday(by_name["春节"][1])  # 正月初一


def test_the_2027_rule_has_the_spring_festival_from_new_years_eve_and_national_day():
    days = {d.date: d for d in provisional_days(2027)}
    assert len(days) == 365
    assert [d for d in days if days[d].note == "春节"] == [D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]
    assert days[D(2027, 4, 5)].note == "清明节"
    assert days[D(2027, 6, 9)].note == "端午节"
    assert days[D(2027, 9, 15)].note == "中秋节"
    assert [d for d in days if days[d].note == "国庆节"] == [D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]
    # 春节 on Saturday and Sunday (6–7 Feb) and 国庆 on Saturday and Sunday (2–3 Oct) are made up after.
    assert days[D(2027, 2, 9)].note == days[D(2027, 2, 10)].note == "春节补假"
    assert days[D(2027, 10, 4)].note == days[D(2027, 10, 5)].note == "国庆节补假"
    assert days[D(2027, 10, 6)].is_workday
    # No 调休: every Saturday and Sunday is a rest day.
    assert not any(d.is_workday for d in days.values() if d.date.weekday() >= 5)
