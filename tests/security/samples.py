"""Small real files of each kind, and impostors: executables and archives under a document's name."""

from __future__ import annotations

import io
import zipfile

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
