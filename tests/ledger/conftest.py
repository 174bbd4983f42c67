"""Building ledger files in memory for the tests."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable

import openpyxl
import pytest

from ledger.columns import COLUMNS
from ledger.services import ledger_check, ledger_import

_numbers = itertools.count(1)

BASE = {
    "会议": "市十七届人大四次会议",
    "类型": "建议",
    "标题": "关于加快老旧小区加装电梯的建议",
    "领衔代表": "张三",
    "代表团": "东城区代表团",
    "提出日期": "2025-01-10",
    "领域": "城乡建设",
}

ASSIGNED = {"办理方式": "单办", "主办单位": "市住房和城乡建设局", "交办日期": "2025-03-01"}
REPLIED = {**ASSIGNED, "答复日期": "2025-05-20", "答复类别": "A"}


def item(values: dict | None = None, **columns) -> dict:
    """One ledger row: a registered 建议 unless the given columns say more."""
    return {**BASE, "编号": f"{next(_numbers):04d}", **(values or {}), **columns}


def xlsx_bytes(rows: Iterable[dict], headers: Iterable[str] = COLUMNS) -> bytes:
    headers = list(headers)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: Iterable[dict], headers: Iterable[str] = COLUMNS, *, bom: bool = False) -> bytes:
    headers = list(headers)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in headers])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def check(rows: list[dict], **kw):
    return ledger_check(file=io.BytesIO(xlsx_bytes(rows, **kw)), filename="台账.xlsx")


def do_import(rows: list[dict], *, by=None, filename: str = "台账.xlsx", **kw):
    return ledger_import(file=io.BytesIO(xlsx_bytes(rows, **kw)), filename=filename, by=by)


def errors_of(report) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.value) for e in report.errors]


@pytest.fixture
def staff():
    from tests import factories

    return factories.staff_user()
