"""``|ymd`` writes what ``|date:"Y-m-d"`` writes, for every kind of value a template hands it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import engines

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2026, 12, 4),
        dt.date(999, 1, 2),
        dt.datetime(2026, 12, 3, 16, 30, tzinfo=dt.UTC),  # already 12-04 in Shanghai
        dt.datetime(2026, 12, 4, 23, 59, tzinfo=SHANGHAI),
        None,
        "",
        "2026-12-04",
        0,
    ],
)
def test_ymd_writes_exactly_what_the_date_filter_writes(value, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    engine = engines["django"]
    ours = engine.from_string("{{ v|ymd }}").render({"v": value})
    django_s = engine.from_string('{{ v|date:"Y-m-d" }}').render({"v": value})
    assert ours == django_s


def test_ymd_is_available_in_every_template_without_a_load_tag():
    assert engines["django"].from_string("{{ v|ymd|default:'—' }}").render({"v": None}) == "—"
