"""Small real PDF files for the demo: a reply letter per demo reply, and a few submissions' attachments.

Built directly (one page, the text in the standard Adobe CJK font STSong-Light, which PDF readers
provide without embedding), so seeding stays fast: a file takes well under a millisecond, where
rendering the 答复函 template would take about a second.
"""

from __future__ import annotations

import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 72
LINE_CHARS = 30
MAX_LINES = 40


def _text(line: str) -> str:
    """A line as UCS-2 hex for the UniGB-UCS2-H encoding (characters outside the BMP are dropped)."""
    return "".join(f"{ord(ch):04X}" for ch in line if ord(ch) <= 0xFFFF)


def _content(title: str, lines: list[str]) -> bytes:
    parts = ["BT", f"/F1 18 Tf {MARGIN} {PAGE_HEIGHT - MARGIN} Td <{_text(title)}> Tj", "/F1 13 Tf 0 -36 Td"]
    wrapped = [piece for line in lines for piece in (textwrap.wrap(line, LINE_CHARS) or [""])][:MAX_LINES]
    for line in wrapped:
        parts.append(f"<{_text(line)}> Tj 0 -20 Td")
    parts.append("ET")
    return "\n".join(parts).encode("ascii")


def simple_pdf(*, title: str, lines: list[str]) -> bytes:
    """A one-page PDF with ``title`` and the wrapped ``lines``."""
    stream = _content(title, lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        (
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
            b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>"
        ),
        (
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
        ),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def reply_letter_file(*, unit: str, doc_number: str, title: str, body: str, replied_on) -> SimpleUploadedFile:
    """The scanned letter a unit uploads with its reply, named as units name them (文号 with 〔〕 kept)."""
    lines = [doc_number, "", *body.splitlines(), "", unit, f"{replied_on:%Y年%m月%d日}"]
    data = simple_pdf(title=f"关于《{title[:14]}》的答复", lines=lines)
    name = f"{doc_number}答复函.pdf" if doc_number else f"{unit}答复函.pdf"
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def submission_attachment(*, title: str, field: str, content: str) -> SimpleUploadedFile:
    """A deputy's research note attached to a submission."""
    lines = [f"领域：{field}" if field else "", "", *content.splitlines()[:12]]
    data = simple_pdf(title="调研材料", lines=lines)
    return SimpleUploadedFile(f"{title[:30]}调研材料.pdf", data, content_type="application/pdf")
