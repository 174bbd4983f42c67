"""The fast .xlsx reader (calamine) gives every cell as openpyxl does, and openpyxl still reads what it cannot."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest

from ledger.bounds import check_workbook
from ledger.reader import _calamine_reads, _calamine_rows, _xlsx_rows, open_sheet
from ledger.services import ledger_check
from ledger.values import cell_text
from tests.ledger.conftest import REPLIED, item, xlsx_bytes

pytestmark = pytest.mark.django_db


def _texts(rows) -> list[list[str]]:
    """Each row's cells as the importer reads them, without the empty cells at the end of a row."""
    result = []
    for row in rows:
        texts = [cell_text(value) for value in row]
        while texts and texts[-1] == "":
            texts.pop()
        result.append(texts)
    while result and not result[-1]:
        result.pop()
    return result


def _edited(data: bytes, edit) -> bytes:
    """The workbook with its first sheet's XML passed through ``edit``."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info.filename)
            target.writestr(info, edit(part) if info.filename == "xl/worksheets/sheet1.xml" else part)
    return out.getvalue()


def _odd_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["会议", "编号", "提出日期", "交办日期", "附议人数", "备注"])
    sheet.append(["市十七届人大四次会议", 47, dt.datetime(2025, 1, 10), dt.date(2025, 3, 1), 3.0, "  两端有空格 "])
    sheet.append([None, 1.5, "2025-01-10", dt.datetime(2025, 3, 1, 9, 30), True, None])
    sheet["C2"].number_format = "yyyy-mm-dd"
    sheet["H4"] = "表格右侧的一格"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(xlsx_bytes([item(REPLIED) for _ in range(40)]), id="a ledger"),
        pytest.param(_odd_workbook(), id="numbers, dates, times, flags and spaces"),
    ],
)
def test_both_readers_give_the_importer_the_same_cells(data):
    assert _calamine_reads(check_workbook(io.BytesIO(data)))
    assert _texts(_calamine_rows(data)) == _texts(_xlsx_rows(data))


def test_a_sheet_whose_first_cell_is_not_a1_keeps_its_row_numbers_and_columns():
    book = openpyxl.Workbook()
    book.active["B3"] = "会议"
    book.active["C4"] = "第二格"
    out = io.BytesIO()
    book.save(out)
    rows = _texts(_calamine_rows(out.getvalue()))
    assert rows == [[], [], ["", "会议"], ["", "", "第二格"]]
    assert rows == _texts(_xlsx_rows(out.getvalue()))


def test_an_empty_first_row_is_reported_as_the_missing_header_whichever_reader_reads_it():
    book = openpyxl.Workbook()
    book.active["A2"] = "会议"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(Exception) as refused:
        open_sheet(data=out.getvalue(), filename="台账.xlsx")
    assert "第1行为空" in refused.value.reason


def test_a_formula_error_is_read_as_its_text_so_the_user_sees_it():
    data = xlsx_bytes([item(REPLIED)])
    # Column 答复日期's cell of row 2 becomes a formula whose saved result is an error.
    data = _edited(
        data,
        lambda xml: re.sub(
            rb'<c r="A2"([^>]*)>.*?</c>', rb'<c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml, count=1
        ),
    )
    assert not _calamine_reads(check_workbook(io.BytesIO(data)))
    sheet = open_sheet(data=data, filename="台账.xlsx")
    assert next(sheet.rows)[1][0] == "#DIV/0!"


def test_a_cell_beyond_the_hundredth_column_is_left_to_openpyxl_which_reads_only_a_hundred():
    rows = [item(REPLIED), item(REPLIED)]
    data = xlsx_bytes(rows)
    # One stray cell far to the right (column CZ = 104) of the first data row.
    data = _edited(data, lambda xml: xml.replace(b"</row>", b'<c r="CZ2" t="inlineStr"><is><t>x</t></is></c></row>', 2))
    shape = check_workbook(io.BytesIO(data))
    assert shape.rightmost == 104 and not _calamine_reads(shape)
    report = ledger_check(file=io.BytesIO(data), filename="台账.xlsx")
    assert report.ok and report.rows == 2
