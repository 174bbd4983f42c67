"""Turning raw cell values (text, numbers, Excel dates) into text, dates and name lists."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ledger.columns import LIST_SEPARATORS

_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]0{1,2}:00(?::00)?)?$")
_SPLIT = re.compile("[" + re.escape(LIST_SEPARATORS) + "]")


class BadValue(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def cell_text(value: Any) -> str:
    """A cell as trimmed text: whole numbers without ".0", date cells as YYYY-MM-DD."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date:
    """A ``YYYY-MM-DD`` text or an Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_from_text(value.strip())
    raise BadValue(UNREADABLE_DATE)


UNREADABLE_DATE = "无法识别的日期，应填写为YYYY-MM-DD（如2025-03-01）或Excel日期格式"


@functools.lru_cache(maxsize=4096)
def _date_from_text(text: str) -> dt.date:
    match = _DATE_TEXT.match(text)
    if not match:
        raise BadValue(UNREADABLE_DATE)
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise BadValue("日期不存在，请检查年、月、日") from exc


def split_names(text: str) -> list[str]:
    """Names separated by 、，,;； — trimmed, blanks dropped, duplicates dropped, order kept."""
    names = (part.strip() for part in _SPLIT.split(text))
    return list(dict.fromkeys(name for name in names if name))
