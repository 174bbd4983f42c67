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
    rows = _xlsx_rows(data) if suffix == ".xlsx" else _csv_rows(data)
    first = next(rows, None)
    if first is None:
        raise FileProblem("文件为空")
    headers = [_header_text(value) for value in first]
    if not any(headers):
        raise FileProblem("第1行为空：第1行必须是表头（会议、编号、类型……）", row=1)
    return Sheet(headers=headers, rows=_numbered(rows))


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
    return _guarded(sheet.iter_rows(min_row=1, min_col=1, values_only=True), book)


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


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            "CSV文件须为UTF-8编码；如在Excel中编辑，请用“另存为 → CSV UTF-8（逗号分隔）”保存后再导入"
        ) from exc
    if "\x00" in text:
        raise FileProblem("无法读取CSV文件：文件中含有非文本内容")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from reader
    except csv.Error as exc:
        raise FileProblem(f"无法读取CSV文件：第{reader.line_num}行格式有误") from exc
