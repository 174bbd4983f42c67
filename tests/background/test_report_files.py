"""The report files: the PDF's text and the Excel's cells carry the figures of reports.statistics."""

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pypdf
import pytest

from reports import builders, statistics
from reports.builders.tables import CATEGORY_LABELS, RATE_LABELS, TOTAL_LABELS
from tests.background.reports_data import build_office

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(time_machine):
    return build_office(time_machine)


@pytest.fixture
def monthly(office):
    return statistics.monthly_report(year=2026, month=10)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def percent(rate: float) -> str:
    return f"{(Decimal(str(rate)) * 100).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def test_the_monthly_pdf_has_the_headings_the_overdue_numbers_and_the_figures(office, monthly):
    content = builders.build_pdf("monthly", monthly)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    flat = compact(text)
    for heading in (
        "月度督办报告",
        "年度累计主要数据",
        "超期未答复件",
        "临期件",
        "重点督办件",
        "待审批的调整和延期申请",
    ):
        assert heading in flat
    assert "2026年10月" in flat

    assert [row["number"] for row in monthly["overdue"]] == [office.overdue.number]
    overdue = monthly["overdue"][0]
    assert overdue["days_overdue"] == 60
    assert compact(f"{overdue['number']} {overdue['title']}") in flat
    assert compact(f"{overdue['due']} {overdue['days_overdue']}") in flat
    assert office.near_due.number in [row["number"] for row in monthly["near_due"]]

    totals = monthly["totals"]
    for key in ("items", "assigned", "replied", "closed", "overdue_open", "key_supervision"):
        assert f"{TOTAL_LABELS[key]}{totals[key]}" in flat, key
    for key, (label, _basis) in RATE_LABELS.items():
        rate = monthly["rates"][key]
        assert f"{label}{percent(rate) if rate is not None else '—'}" in flat, key
    assert "常委会副主任" in flat
    assert "需要协调用地" in flat
    assert re.search(r"第1页/共\d+页", flat)


def test_the_monthly_excel_cells_equal_the_figures(office, monthly):
    book = openpyxl.load_workbook(io.BytesIO(builders.build_xlsx("monthly", monthly)))

    totals_sheet = book["年度累计数据"]
    assert [c.value for c in totals_sheet[1]] == ["指标", "件数"]
    assert totals_sheet["A1"].font.bold
    cells = {row[0].value: row[1] for row in totals_sheet.iter_rows(min_row=2)}
    for key, value in monthly["totals"].items():
        cell = cells[TOTAL_LABELS[key]]
        assert cell.value == value, key
        assert cell.data_type == "n", key

    rates_sheet = book["主要比率"]
    rate_cells = {row[0].value: row[1] for row in rates_sheet.iter_rows(min_row=2)}
    for key, (label, _basis) in RATE_LABELS.items():
        cell = rate_cells[label]
        assert cell.value == monthly["rates"][key], key
        if cell.value is not None:
            assert cell.data_type == "n"  # a number, not text
            assert cell.number_format == "0.00%"

    categories = {row[0].value: row[1].value for row in book["答复类别"].iter_rows(min_row=2)}
    assert categories == {CATEGORY_LABELS[k]: v for k, v in monthly["categories"].items()}

    overdue_sheet = book["超期未答复件"]
    header = [c.value for c in overdue_sheet[1]]
    assert header[:4] == ["会议", "编号", "标题", "承办单位"]
    row = {h: c.value for h, c in zip(header, overdue_sheet[2], strict=True)}
    assert row["编号"] == office.overdue.number
    assert row["承办单位"] == "市住房和城乡建设局"
    assert row["办理期限"] == dt.datetime(2026, 9, 1)
    assert row["超期天数"] == 60
    assert overdue_sheet.max_row == 1 + len(monthly["overdue"])
    assert overdue_sheet.column_dimensions["C"].width > overdue_sheet.column_dimensions["B"].width

    units = {r[0].value: [c.value for c in r[1:]] for r in book["各承办单位在办情况"].iter_rows(min_row=2)}
    assert units == {u["unit"]: [u["open"], u["near_due"], u["overdue"]] for u in monthly["units"]}
    requests = list(book["待审批的调整和延期申请"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[2], r[6]) for r in requests] == [("延期", office.near_due.number, dt.datetime(2026, 12, 10))]


def test_the_annual_pdf_and_excel_show_the_units_ranks_and_fields(office):
    data = statistics.annual_report(year=2026, as_of=dt.date(2026, 10, 31))
    flat = compact(pdf_text(builders.build_pdf("annual", data)))
    assert "年度报告" in flat
    assert "承办单位办理情况" in flat
    assert "领域分布" in flat
    for entry in data["units"]:
        assert entry["unit"] in flat
    for field, count in data["fields"].items():
        assert f"{field}{count}" in flat

    book = openpyxl.load_workbook(io.BytesIO(builders.build_xlsx("annual", data)))
    rows = list(book["承办单位办理情况"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in rows] == [(u["rank"], u["unit"], u["lead_items"]) for u in data["units"]]
    fields = {r[0]: r[1] for r in book["领域分布"].iter_rows(min_row=2, values_only=True)}
    assert fields == data["fields"]
