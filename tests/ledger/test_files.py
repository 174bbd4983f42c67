"""Reading ledger files: formats, headers, blank rows, cell kinds, and a large file with one bad row."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from ledger.columns import COLUMNS, REQUIRED
from ledger.services import LedgerInvalid, ledger_check, ledger_import
from proposals.models import Proposal
from tests.ledger.conftest import ASSIGNED, BASE, csv_bytes, errors_of, item, xlsx_bytes

pytestmark = pytest.mark.django_db


def check_bytes(data: bytes, filename: str):
    return ledger_check(file=io.BytesIO(data), filename=filename)


def file_errors(report) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.reason) for e in report.errors]


def test_a_file_that_is_not_xlsx_or_csv_is_refused():
    report = check_bytes(b"just some text", "台账.txt")

    assert file_errors(report) == [(0, "", "文件格式不支持，请上传.xlsx或.csv文件")]


def test_an_old_xls_file_is_refused_with_a_hint():
    report = check_bytes(b"\xd0\xcf\x11\xe0 old excel", "台账.xls")

    assert "另存为.xlsx" in report.errors[0].reason


def test_a_damaged_xlsx_file_is_reported_as_unreadable():
    report = check_bytes(b"PK\x03\x04 this is not really a zip archive", "台账.xlsx")

    assert file_errors(report) == [(0, "", "无法读取Excel文件，请确认文件是未损坏的.xlsx文件")]


def test_a_csv_that_is_not_utf8_is_refused_with_a_hint():
    data = "会议,编号\n市十七届人大四次会议,0001\n".encode("gbk")
    report = check_bytes(data, "台账.csv")

    assert len(report.errors) == 1
    assert "UTF-8" in report.errors[0].reason


@pytest.mark.parametrize(("data", "filename"), [(b"", "台账.xlsx"), (b"", "台账.csv"), (b"\n\n", "台账.csv")])
def test_an_empty_file_is_reported(data, filename):
    report = check_bytes(data, filename)

    assert file_errors(report) == [(0, "", "文件为空")]


def test_a_workbook_without_any_rows_is_reported_as_empty():
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)

    assert file_errors(check_bytes(out.getvalue(), "台账.xlsx")) == [(0, "", "文件为空")]


def test_a_file_with_only_the_header_has_no_data():
    report = check_bytes(xlsx_bytes([]), "台账.xlsx")

    assert [(e.row, e.column) for e in report.errors] == [(0, "")]
    assert "没有数据" in report.errors[0].reason


def test_a_title_row_above_the_header_means_there_is_no_header_row():
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["2025年代表建议办理台账"])
    sheet.append(list(COLUMNS))
    sheet.append([item().get(h) for h in COLUMNS])
    out = io.BytesIO()
    book.save(out)

    report = check_bytes(out.getvalue(), "台账.xlsx")

    assert [(e.row, e.column, e.value) for e in report.errors] == [(1, "", "2025年代表建议办理台账")]
    assert "第1行不是表头" in report.errors[0].reason


def test_a_blank_first_row_means_there_is_no_header_row():
    data = ("\n" + ",".join(COLUMNS) + "\n").encode()
    report = check_bytes(b"," + data, "台账.csv")

    assert [(e.row, e.column) for e in report.errors] == [(1, "")]


def test_missing_required_columns_are_each_reported_on_the_header_row():
    headers = [h for h in COLUMNS if h not in ("编号", "提出日期")]
    report = check_bytes(xlsx_bytes([item()], headers=headers), "台账.xlsx")

    assert errors_of(report) == [(1, "编号", ""), (1, "提出日期", "")]
    assert all("缺少必填列" in e.reason for e in report.errors)


def test_a_column_given_twice_is_reported():
    headers = [*COLUMNS, "标题"]
    report = check_bytes(xlsx_bytes([item()], headers=headers), "台账.xlsx")

    assert errors_of(report) == [(1, "标题", "标题")]


def test_columns_in_any_order_are_found_and_unknown_columns_are_ignored_and_named():
    headers = ["序号", *reversed(REQUIRED), "备注", "领域"]
    rows = [{**item(编号="0001"), "序号": 1, "备注": "无"}]
    report = ledger_import(file=io.BytesIO(xlsx_bytes(rows, headers=headers)), filename="台账.xlsx")

    assert report.ok
    assert report.ignored_columns == ["序号", "备注"]
    assert Proposal.objects.get().field == "城乡建设"


@pytest.mark.parametrize("bom", [True, False])
def test_a_utf8_csv_is_read_with_or_without_a_bom(bom):
    data = csv_bytes([item(ASSIGNED, 编号="0001")], bom=bom)
    report = ledger_import(file=io.BytesIO(data), filename="台账.CSV")

    assert report.imported == 1
    assert Proposal.objects.get().session.name == "市十七届人大四次会议"


def test_blank_rows_are_skipped_and_errors_keep_the_excel_row_numbers():
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(COLUMNS))
    sheet.append([item(编号="0001").get(h) for h in COLUMNS])
    sheet.append([])
    sheet.append(["  ", None, ""])
    sheet.append([item(编号="0002", 类型="提案").get(h) for h in COLUMNS])
    out = io.BytesIO()
    book.save(out)

    report = check_bytes(out.getvalue(), "台账.xlsx")

    assert report.rows == 2
    assert errors_of(report) == [(5, "类型", "提案")]


def test_spaces_are_trimmed_and_lists_accept_every_separator():
    row = item(
        {k: f"  {v} " for k, v in BASE.items()},
        编号=" 0001 ",
        附议代表=" 李四 、王五，赵六, 钱七 ;孙八；周九 ",
        办理方式=" 分办 ",
        主办单位=" 市教育局 、 市民政局 ",
        交办日期=" 2025-03-01 ",
    )
    ledger_import(file=io.BytesIO(xlsx_bytes([row])), filename="台账.xlsx")

    p = Proposal.objects.get()
    assert (p.number, p.title, p.lead_deputy.name, p.session.name) == (
        "0001",
        "关于加快老旧小区加装电梯的建议",
        "张三",
        "市十七届人大四次会议",
    )
    assert sorted(d.name for d in p.co_signers.all()) == sorted(["李四", "王五", "赵六", "钱七", "孙八", "周九"])
    assert sorted(a.unit.name for a in p.assignments.all()) == ["市教育局", "市民政局"]


def test_excel_date_cells_and_numeric_numbers_are_read():
    row = item(ASSIGNED, 编号=12, 提出日期=dt.datetime(2025, 1, 10), 交办日期=dt.date(2025, 3, 1))
    ledger_import(file=io.BytesIO(xlsx_bytes([row])), filename="台账.xlsx")

    p = Proposal.objects.get()
    assert (p.number, p.submitted_on, p.assigned_on) == ("12", dt.date(2025, 1, 10), dt.date(2025, 3, 1))


def test_a_number_in_a_date_column_is_not_guessed():
    report = check_bytes(xlsx_bytes([item(提出日期=45678)]), "台账.xlsx")

    assert errors_of(report) == [(2, "提出日期", "45678")]


def test_a_large_file_with_one_bad_row_at_the_end_is_refused_whole():
    rows = 20_000
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    good = item(ASSIGNED)
    for n in range(1, rows):
        writer.writerow([f"{n:05d}" if h == "编号" else good.get(h, "") for h in COLUMNS])
    bad = item(ASSIGNED, 编号="99999", 答复类别="A")
    writer.writerow([bad.get(h, "") for h in COLUMNS])
    data = out.getvalue().encode("utf-8")

    with pytest.raises(LedgerInvalid) as caught:
        ledger_import(file=io.BytesIO(data), filename="大台账.csv")

    report = caught.value.report
    assert report.rows == rows
    assert errors_of(report) == [(rows + 1, "答复类别", "A")]
    assert not Proposal.objects.exists()
