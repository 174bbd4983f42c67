"""The monthly PDF stays a leader's summary however long its lists are; the Excel file has them in full."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.builders import build_pdf, build_xlsx, pdf
from reports.statistics import monthly_report

pytestmark = pytest.mark.django_db


def long_month(n: int) -> dict:
    data = monthly_report(year=2026, month=3)
    data["overdue"] = [
        {
            "session": "市十七届人大五次会议",
            "number": f"{i:05d}",
            "title": f"关于第{i}件超期事项的建议",
            "units": "市住房和城乡建设局",
            "due": "2026-01-05",
            "days_overdue": n - i,
            "stage": "办理中",
        }
        for i in range(n)
    ]
    data["units"] = [{"unit": f"承办单位{i:04d}", "open": 9, "near_due": 1, "overdue": 3} for i in range(n)]
    return data


def test_a_long_overdue_list_shows_its_oldest_entries_with_the_count_and_points_to_the_excel():
    html = pdf.render_html("monthly", long_month(2000), title="月度督办报告")
    assert "关于第0件超期事项的建议" in html and "关于第29件超期事项的建议" in html
    assert "关于第30件超期事项的建议" not in html
    assert '超期未答复件 <span class="count">（共 2000 项，列出最紧急的 30 项，其余见 Excel 文件）' in html
    assert "承办单位0039" in html and "承办单位0040" not in html
    assert "完整清单见同时生成的 Excel 文件" in html


def test_the_monthly_pdf_has_a_bounded_number_of_pages_and_the_excel_every_row():
    data = long_month(3000)
    pages = len(PdfReader(io.BytesIO(build_pdf("monthly", data))).pages)
    assert pages <= 40
    book = load_workbook(io.BytesIO(build_xlsx("monthly", data)), read_only=True)
    overdue = book["超期未答复件"]
    assert overdue.max_row == 3001
    assert [c.value for c in next(overdue.iter_rows(min_row=3001, max_row=3001))][2] == "关于第2999件超期事项的建议"


def test_a_short_month_lists_everything_and_says_so():
    html = pdf.render_html("monthly", long_month(3), title="月度督办报告")
    assert "其余见 Excel 文件" not in html and "本期各清单均已全部列出" in html
