"""What a file really is, read from its first bytes (and, for zip containers, from the zip directory).

The extension a user gives a file says nothing: an .exe renamed .pdf is still an executable. ``sniff``
returns the kind its content shows (``"pdf"``, ``"docx"``, ``"ole"`` for the old Office and WPS formats,
``"ofd"``, ``"jpeg"``, ``"png"``, ``"xlsx"``, ``"csv"``), or what it looks like when that is not a kind we
accept (``"exe"``, ``"zip"``, …), or ``None`` when nothing is recognised.
"""

from __future__ import annotations

import contextlib
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype

from files.zips import ZipRefused, open_zip

HEAD_BYTES = 8192
TEXT_SAMPLE_BYTES = 64 * 1024
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("pdf", "PDF", (".pdf",), "application/pdf"),
        Kind(
            "docx",
            "Word",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        Kind("ole", "Word（.doc）或WPS", (".doc", ".wps"), "application/msword"),
        Kind("ofd", "OFD", (".ofd",), "application/ofd"),
        Kind("jpeg", "JPG图片", (".jpg", ".jpeg"), "image/jpeg"),
        Kind("png", "PNG图片", (".png",), "image/png"),
        Kind("xlsx", "Excel（.xlsx）", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        Kind("csv", "CSV", (".csv",), "text/csv"),
    )
}

# What a refused file was taken for, in the message the user reads.
_FOREIGN_LABELS = {
    "exe": "可执行程序",
    "elf": "可执行程序",
    "dll": "可执行程序",
    "zip": "压缩包",
    "rar": "压缩包",
    "7z": "压缩包",
    "gz": "压缩包",
    "xls": "旧版Excel文件",
    "html": "网页文件",
    "svg": "SVG图形",
}


def kind_of_extension(name: str) -> Kind | None:
    lower = (name or "").lower()
    for kind in KINDS.values():
        if lower.endswith(kind.extensions):
            return kind
    return None


def describe(key: str | None) -> str:
    """How a sniffed kind is named to the user."""
    if key in KINDS:
        return KINDS[key].label
    if key in _FOREIGN_LABELS:
        return _FOREIGN_LABELS[key]
    return f"{key}文件" if key else "无法识别的内容"


def sniff(file: BinaryIO) -> str | None:
    """The kind the content of ``file`` shows. Reads a few kilobytes; leaves the position where it was."""
    position = _tell(file)
    try:
        file.seek(0)
        head = file.read(HEAD_BYTES)
        if head.startswith(OLE_SIGNATURE):
            return "ole"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(file)
        guess = filetype.guess(head)
        if guess is not None:
            return {"jpg": "jpeg", "pdf": "pdf", "png": "png"}.get(guess.extension, guess.extension)
        if head.lstrip().startswith(b"%PDF-"):
            return "pdf"
        file.seek(0)
        return _text_kind(file.read(TEXT_SAMPLE_BYTES))
    finally:
        with contextlib.suppress(OSError, ValueError):
            file.seek(position)


def _tell(file: BinaryIO) -> int:
    try:
        return file.tell()
    except (OSError, ValueError):
        return 0


def _zip_kind(file: BinaryIO) -> str:
    """A zip container is told apart by the names in its directory (read from the end; nothing is unpacked)."""
    try:
        with open_zip(file) as archive:
            names = set(archive.namelist())
    except (ZipRefused, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _text_kind(sample: bytes) -> str | None:
    """Plain UTF-8 text with no control bytes is taken for CSV; markup is named so that it can be refused."""
    if not sample or b"\x00" in sample:
        return None
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the end of the sample
            return None
        text = sample[: exc.start].decode("utf-8-sig", errors="ignore")
    start = text.lstrip()[:100].lower()
    if start.startswith(("<!doctype html", "<html", "<script", "<?xml", "<svg")):
        return "svg" if "<svg" in start else "html"
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        return None
    return "csv"
