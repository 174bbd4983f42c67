"""Reading a ledger file (.xlsx or .csv) into its header and its rows, numbered as Excel numbers them."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ledger.bounds import (
    MAX_COLUMNS,
    MAX_HELD_CELLS,
    MAX_LINE_CHARS,
    MAX_ROWS,
    TooLarge,
    WorkbookShape,
    check_workbook,
)


class FileProblem(Exception):
    """The file as a whole cannot be read. ``row`` is 0 for the file, 1 for its header row."""

    def __init__(self, reason: str, *, row: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.row = row


@dataclass
class Sheet:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (Excel row number, raw cell values), header excluded


def read_bytes(file: BinaryIO | str | Path) -> bytes:
    if isinstance(file, str | Path):
        try:
            return Path(file).read_bytes()
        except OSError as exc:
            raise FileProblem(f"无法打开文件：{exc.strerror or exc}") from exc
    if hasattr(file, "seek"):
        with contextlib.suppress(OSError, ValueError):
            file.seek(0)
    data = file.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def open_sheet(*, data: bytes, filename: str) -> Sheet:
    """The first worksheet of an .xlsx, or a UTF-8 .csv (with or without BOM). Raises ``FileProblem``."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        if suffix == ".xls":
            raise FileProblem("不支持旧版Excel（.xls）文件，请在Excel中另存为.xlsx后再导入")
        raise FileProblem("文件格式不支持，请上传.xlsx或.csv文件")
    if not data.strip():
        raise FileProblem("文件为空")
    if suffix == ".xlsx":
        try:
            shape = check_workbook(io.BytesIO(data))
        except TooLarge as refused:
            raise FileProblem(refused.reason) from refused
        rows = _calamine_rows(data) if _calamine_reads(shape) else _xlsx_rows(data)
    else:
        rows = _csv_rows(data)
    first = next(rows, None)
    if first is None:
        raise FileProblem("文件为空")
    headers = [_header_text(value) for value in first]
    if not any(headers):
        raise FileProblem("第1行为空：第1行必须是表头（会议、编号、类型……）", row=1)
    return Sheet(headers=headers, rows=_numbered(rows))


def _calamine_reads(shape: WorkbookShape) -> bool:
    """calamine reads a sheet about ten times faster than openpyxl, holding its used range in memory: only
    when that range is small enough to hold (by the count just made), and when no cell holds a formula's
    error, which calamine reads as an empty cell and openpyxl as its text ("#DIV/0!", reported to the user)."""
    held = (shape.rows + 1) * shape.rightmost
    return shape.rightmost <= MAX_COLUMNS and held <= MAX_HELD_CELLS and not shape.error_cells


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    return "".join(str(value).split())  # "答复 日期" and line breaks inside a header cell still match


def _numbered(rows: Iterator[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    yield from enumerate(rows, start=2)


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise FileProblem("无法读取Excel文件，请确认文件是未损坏的.xlsx文件") from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on a foreign file
        raise FileProblem("无法读取Excel文件，请确认文件是未损坏的.xlsx文件") from exc
    if not book.worksheets:
        raise FileProblem("Excel文件中没有工作表")
    sheet = book.worksheets[0]
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # do not trust the stored used range: read what is there
    return _guarded(sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True), book)


def _calamine_rows(data: bytes) -> Iterator[list[Any]]:
    """The first worksheet's rows from A1, each at most ``MAX_COLUMNS`` wide, an empty cell as ``None`` as
    openpyxl gives it. A date cell is a date (openpyxl: a datetime at midnight) and a whole number a float
    (openpyxl: an int); ``cell_text`` and ``parse_date`` read both alike."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        worksheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            raise FileProblem("Excel文件中没有工作表")
        sheet = book.get_sheet_by_name(worksheets[0])
    except FileProblem:
        raise
    except Exception as exc:  # calamine raises its own errors (zip, XML, password) on a foreign file
        raise FileProblem("无法读取Excel文件，请确认文件是未损坏的.xlsx文件") from exc
    return _calamine_guarded(sheet, book)


def _calamine_guarded(sheet, book) -> Iterator[list[Any]]:
    try:
        rows = sheet.to_python(skip_empty_area=False)  # from A1, as Excel numbers rows and columns
    except Exception as exc:
        raise FileProblem("Excel文件内容损坏，无法读取") from exc
    finally:
        book.close()
    for row in rows:
        yield [None if value == "" else value for value in row[:MAX_COLUMNS]]


def _guarded(rows, book) -> Iterator[list[Any]]:
    try:
        for row in rows:
            yield list(row)
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem("Excel文件内容损坏，无法读取") from exc
    finally:
        book.close()


CSV_ENCODING = "CSV文件须为UTF-8编码；如在Excel中编辑，请用“另存为 → CSV UTF-8（逗号分隔）”保存后再导入"


def _csv_lines(data: bytes) -> Iterator[str]:
    """The file's lines, decoded as they are read (never the whole text at once), each of bounded length."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    number = 0
    while line := stream.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise FileProblem(f"无法读取CSV文件：第{number}行过长（超过{MAX_LINE_CHARS:,}个字符）")
        if "\x00" in line:
            raise FileProblem("无法读取CSV文件：文件中含有非文本内容")
        yield line


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    reader = csv.reader(_csv_lines(data))
    try:
        for row in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise FileProblem(f"台账超过{MAX_ROWS:,}行，请拆分后分批上传")
            if len(row) > MAX_COLUMNS:
                raise FileProblem(f"第{reader.line_num}行超过{MAX_COLUMNS}列，台账最多{MAX_COLUMNS}列，请删除多余的列")
            yield row
    except UnicodeDecodeError as exc:
        raise FileProblem(CSV_ENCODING) from exc
    except csv.Error as exc:
        raise FileProblem(f"无法读取CSV文件：第{reader.line_num}行格式有误") from exc
