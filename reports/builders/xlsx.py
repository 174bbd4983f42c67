"""The reports as Excel workbooks (XlsxWriter, streamed row by row): one sheet per table.

Numbers are written as numbers, rates as numbers with a percent format, dates as dates; the header
row is bold and frozen, and each column is as wide as its content (CJK characters count double).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import xlsxwriter
from django.utils import timezone

from common.office import office_name
from reports.builders.tables import DATE, INT, RATE, Table, tables_for

MIN_WIDTH, MAX_WIDTH = 6, 60


def display_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return 8
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(value))


def _formats(book) -> dict:
    base = {"font_name": "Noto Sans CJK SC", "font_size": 10, "valign": "top"}
    return {
        "header": book.add_format({**base, "bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True}),
        "text": book.add_format({**base, "text_wrap": True}),
        "int": book.add_format({**base, "num_format": "0"}),
        "rate": book.add_format({**base, "num_format": "0.00%"}),
        "date": book.add_format({**base, "num_format": "yyyy-mm-dd"}),
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "label": book.add_format({**base, "bold": True}),
    }


def _write_table(book, formats: dict, table: Table) -> None:
    sheet = book.add_worksheet(table.sheet_name)
    for col, column in enumerate(table.columns):
        sheet.write_string(0, col, column.label, formats["header"])
    for r, row in enumerate(table.rows, start=1):
        for col, (column, value) in enumerate(zip(table.columns, row, strict=True)):
            if value is None or value == "":
                sheet.write_blank(r, col, None, formats["text"])
            elif column.type == INT:
                sheet.write_number(r, col, int(value), formats["int"])
            elif column.type == RATE:
                sheet.write_number(r, col, float(value), formats["rate"])
            elif column.type == DATE:
                sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), formats["date"])
            else:
                sheet.write_string(r, col, str(value), formats["text"])
    for col, column in enumerate(table.columns):
        widest = max([display_width(column.label), *(display_width(row[col]) for row in table.rows)])
        cap = max(column.width or MAX_WIDTH, display_width(column.label))
        sheet.set_column(col, col, max(MIN_WIDTH, min(cap, widest)) + 2)
    sheet.freeze_panes(1, 0)
    if table.rows:
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)


def _write_about(book, formats: dict, *, title: str, data: dict) -> None:
    sheet = book.add_worksheet("报告说明")
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 60)
    sheet.write_string(0, 0, title, formats["title"])
    rows = [
        ("统计截至", data.get("as_of", "")),
        ("生成时间", timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ("口径说明", "截至统计日当天结束时的办理状态；比率保留四位小数，分母为0时为空。"),
    ]
    for r, (label, text) in enumerate(rows, start=2):
        sheet.write_string(r, 0, label, formats["label"])
        sheet.write_string(r, 1, str(text), formats["text"])


def build_xlsx(kind: str, data: dict, *, title: str) -> bytes:
    """The workbook, streamed: each sheet's rows go to a temporary file as they are written
    (``constant_memory``), so a list of a million rows does not sit in memory as cells."""
    with tempfile.TemporaryDirectory(prefix="report-xlsx-") as scratch:
        path = Path(scratch) / "report.xlsx"
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": scratch})
        book.set_properties({"title": title, "company": office_name()})
        formats = _formats(book)
        for table in tables_for(kind, data).values():
            _write_table(book, formats, table)
        _write_about(book, formats, title=title, data=data)
        book.close()
        return path.read_bytes()
