"""How large a ledger file may be, checked before it is parsed and while it is read, so that no file —
however it was made — grows the process reading it beyond a fixed bound.

An .xlsx is a zip of XML parts. Before openpyxl opens it, ``check_workbook`` reads the zip directory
(nothing is unpacked) and refuses a file whose parts together expand beyond ``MAX_UNCOMPRESSED_BYTES``,
whose shared strings (which openpyxl keeps in memory) exceed ``MAX_SHARED_STRINGS_BYTES``, or whose
other fully parsed parts (styles, workbook) exceed ``MAX_PART_BYTES``. It then streams the first
worksheet through expat, keeping nothing but counters, and refuses more than ``MAX_ROWS`` rows, more
than ``MAX_COLUMNS`` cells in a row, or a cell larger than ``MAX_CELL_BYTES``. Only then is the sheet
read: by calamine when no cell lies beyond column ``MAX_COLUMNS``, the used range holds at most
``MAX_HELD_CELLS`` cells (calamine keeps it in memory) and no cell holds a formula's error; else by
openpyxl's read-only (streaming) mode, ``MAX_COLUMNS`` wide (see ``ledger.reader``).

A CSV is decoded as it is read, line by line, with the same row and column limits and a bound on the
length of a line.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import xml.parsers.expat
from dataclasses import dataclass
from typing import BinaryIO

from files.zips import ZipRefused, open_zip

MB = 1024 * 1024
MAX_ROWS = 200_000  # data rows, header excluded
MAX_COLUMNS = 100
MAX_UNCOMPRESSED_BYTES = 200 * MB
MAX_SHARED_STRINGS_BYTES = 40 * MB
MAX_PART_BYTES = 5 * MB
MAX_CELL_BYTES = 128 * 1024  # a cell's XML; Excel's own limit is 32,767 characters
MAX_LINE_CHARS = 1024 * 1024  # one physical line of a CSV
# calamine holds the used range (rows × columns) in memory: beyond this many cells, openpyxl streams instead.
MAX_HELD_CELLS = 1_000_000
_CHUNK = 64 * 1024

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


class TooLarge(Exception):
    """The file is beyond a limit, or not a sane workbook. ``reason`` is a Chinese sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class WorkbookShape:
    rows: int  # data rows of the first worksheet, header excluded (empty rows included)
    widest: int  # most cells in one row
    rightmost: int = 0  # the column (1 = A) of the farthest cell from the left, by the cells' references
    error_cells: bool = False  # a cell holds a formula's error (#N/A, #DIV/0!…)


def _column_of(reference: str | None) -> int:
    """The column number of a cell reference ("AD12" → 30); 0 when the cell has none."""
    number = 0
    for char in reference or "":
        if "A" <= char <= "Z":
            number = number * 26 + ord(char) - 64
        else:
            break
    return number


def check_workbook(file: BinaryIO) -> WorkbookShape:
    """Refuse (``TooLarge``) an .xlsx beyond the limits, from its zip directory and a streaming count."""
    try:
        archive = open_zip(file)
    except ZipRefused as refused:
        if refused.damaged:
            raise TooLarge("无法读取Excel文件，请确认文件是未损坏的.xlsx文件") from refused
        raise TooLarge(f"无法读取Excel文件：{refused.reason}") from refused
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        total = sum(info.file_size for info in infos.values())
        if total > MAX_UNCOMPRESSED_BYTES:
            raise TooLarge(
                f"Excel文件解压后达{_size(total)}，超过{_size(MAX_UNCOMPRESSED_BYTES)}的上限"
                "（文件可能含有大量空白或隐藏内容），请只保留台账工作表后另存再上传"
            )
        sheet = _first_sheet(archive, infos)
        for name, info in infos.items():
            if name.endswith("sharedStrings.xml") and info.file_size > MAX_SHARED_STRINGS_BYTES:
                raise TooLarge(f"Excel文件中的文字内容超过{_size(MAX_SHARED_STRINGS_BYTES)}，请拆分后分批上传")
            if _parsed_whole(name, sheet) and info.file_size > MAX_PART_BYTES:
                raise TooLarge(f"Excel文件的组成部分「{name}」过大，请在Excel中另存为新文件后再上传")
        return _count_rows(archive, sheet)


def _parsed_whole(name: str, sheet: str) -> bool:
    """Parts openpyxl parses whole (styles, workbook, relationships), unlike the streamed sheet and strings."""
    if name == sheet or name.startswith("xl/worksheets/") or name.endswith("sharedStrings.xml"):
        return False
    return name.endswith((".xml", ".rels"))


def _size(n: int) -> str:
    return f"{n / MB:,.0f}MB" if n >= MB else f"{n / 1024:,.0f}KB"


def _first_sheet(archive, infos) -> str:
    """The part openpyxl reads as the first worksheet: the workbook's first <sheet>, through its relationship."""
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if part not in infos:
            raise TooLarge("无法读取Excel文件，请确认文件是未损坏的.xlsx文件")
        if infos[part].file_size > MAX_PART_BYTES:
            raise TooLarge(f"Excel文件的组成部分「{part}」过大，请在Excel中另存为新文件后再上传")
    try:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (ET.ParseError, KeyError, ValueError, OSError) as exc:
        raise TooLarge("无法读取Excel文件，请确认文件是未损坏的.xlsx文件") from exc
    first = workbook.find(f"{{{_MAIN}}}sheets/{{{_MAIN}}}sheet")
    if first is None:
        raise TooLarge("Excel文件中没有工作表")
    rid = first.get(f"{{{_REL}}}id")
    for rel in rels.iter(f"{{{_PKG_REL}}}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if path in infos:
                return path
    raise TooLarge("无法读取Excel文件：找不到第一个工作表")


def _count_rows(archive, sheet: str) -> WorkbookShape:
    """Stream the worksheet through expat, counting rows and cells; character data is never kept."""
    parser = xml.parsers.expat.ParserCreate()
    state = {"rows": 0, "last": 0, "cells": 0, "widest": 0, "cell_at": -1, "ref": None, "rightmost": 0, "errors": False}

    def row_ended():
        # A row's cells come left to right: its last cell is its farthest; one without a reference follows
        # the one before it.
        state["rightmost"] = max(state["rightmost"], _column_of(state["ref"]), state["cells"])
        state["ref"] = None

    def start(name, attrs):
        local = name.rpartition(":")[2]
        if local == "c":
            state["ref"] = attrs.get("r")
            if attrs.get("t") == "e":
                state["errors"] = True
            state["cells"] += 1
            if state["cells"] > MAX_COLUMNS:
                raise TooLarge(f"第{state['rows']}行超过{MAX_COLUMNS}列，台账最多{MAX_COLUMNS}列，请删除多余的列")
            state["cell_at"] = parser.CurrentByteIndex
        elif local == "row":
            row_ended()
            state["widest"] = max(state["widest"], state["cells"])
            state["rows"] += 1
            state["cells"] = 0
            number = attrs.get("r", "")
            state["last"] = max(state["last"], int(number) if number.isdigit() else state["rows"], state["rows"])
            if state["last"] > MAX_ROWS + 1:
                raise TooLarge(f"台账超过{MAX_ROWS:,}行，请拆分后分批上传")

    def end(name):
        if name.rpartition(":")[2] == "c" and parser.CurrentByteIndex - state["cell_at"] > MAX_CELL_BYTES:
            raise TooLarge(f"第{state['rows']}行有一个单元格的内容过长（超过{MAX_CELL_BYTES // 1024}KB）")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with archive.open(sheet) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except TooLarge:
        raise
    except (xml.parsers.expat.ExpatError, OSError, ValueError, EOFError, RuntimeError) as exc:
        raise TooLarge("Excel文件内容损坏，无法读取") from exc
    except Exception as exc:  # zipfile raises BadZipFile (CRC) and zlib errors on a tampered part
        raise TooLarge("Excel文件内容损坏，无法读取") from exc
    row_ended()
    widest = max(state["widest"], state["cells"])
    return WorkbookShape(
        rows=max(state["last"] - 1, 0), widest=widest, rightmost=state["rightmost"], error_cells=state["errors"]
    )
