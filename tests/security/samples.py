"""Small real files of each kind, and impostors: executables and archives under a document's name."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 200
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 1024


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>", "word/document.xml": b"<w/>"})
OFD = _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})
PLAIN_ZIP = _zip({"readme.txt": b"hello"})


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["会议", "编号"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- workbooks built part by part, to any size -----------------------------------------------------

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="xl/workbook.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    b"</Relationships>"
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="ledger" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    b"</Relationships>"
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + '<row r="1"><c r="A1" t="inlineStr"><is><t>会议</t></is></c></row>'.encode()
)
SHEET_TAIL = b"</sheetData></worksheet>"


def workbook(path, body_chunks, *, repeat: int = 1) -> None:
    """Write an .xlsx at ``path`` whose first sheet is the header row, then ``body_chunks`` ``repeat`` times.
    The sheet is compressed as it is written, so a sheet of a gigabyte takes about a megabyte on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD)
            for _ in range(repeat):
                for chunk in body_chunks:
                    sheet.write(chunk)
            sheet.write(SHEET_TAIL)


def zip_bomb(path, *, expanded_bytes: int = 1024**3, block_bytes: int = 1024 * 1024) -> None:
    """An .xlsx of about 1 MB whose first sheet expands to ``expanded_bytes`` (1 GB): a genuine deflate
    stream with a correct CRC. One block of rows is compressed once after a full flush, so the stream is that
    block's bytes repeated — the gigabyte is never held in memory or compressed by the test."""
    block = b'<row><c t="inlineStr"><is><t>' + b"A" * block_bytes + b"</t></is></c></row>"
    repeats = (expanded_bytes - len(SHEET_HEAD) - len(SHEET_TAIL)) // len(block)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(SHEET_HEAD) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(SHEET_TAIL) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(SHEET_HEAD)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(SHEET_TAIL, crc)
    size = len(SHEET_HEAD) + repeats * len(block) + len(SHEET_TAIL)
    packed = len(head) + repeats * len(body) + len(tail)

    small = io.BytesIO()
    with zipfile.ZipFile(small, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
    parts = zipfile.ZipFile(small)
    name = b"xl/worksheets/sheet1.xml"
    with open(path, "wb") as out:
        entries = []
        for info in parts.infolist():  # copy the small parts' local records as they are
            start = out.tell()
            small.seek(info.header_offset)
            header = small.read(30 + len(info.filename.encode()) + len(info.extra))
            out.write(header)
            out.write(
                small.getvalue()[
                    info.header_offset + len(header) : info.header_offset + len(header) + info.compress_size
                ]
            )
            entries.append((info.filename.encode(), info.CRC, info.compress_size, info.file_size, start))
        start = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, packed, size, len(name), 0) + name)
        out.write(head)
        for _ in range(repeats):
            out.write(body)
        out.write(tail)
        entries.append((name, crc, packed, size, start))
        directory_at = out.tell()
        for filename, entry_crc, csize, usize, offset in entries:
            out.write(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    8,
                    0,
                    0x21,
                    entry_crc,
                    csize,
                    usize,
                    len(filename),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + filename
            )
        directory_size = out.tell() - directory_at
        out.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), directory_size, directory_at, 0)
        )
