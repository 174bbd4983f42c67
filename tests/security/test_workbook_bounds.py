"""Ledger files are checked streaming and bounded: a zip bomb (a 1 MB .xlsx whose sheet expands to 1 GB) is
refused from the zip directory before anything is parsed, and without the process growing; rows, columns,
cell sizes and the fully parsed parts have limits; a CSV is decoded line by line."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from files.zips import ZipRefused, open_zip
from ledger import bounds
from ledger.columns import COLUMNS
from ledger.models import LedgerUpload
from ledger.services import ledger_check

from . import samples as s
from .fixtures_input import _clock, _staff, _staff_client  # noqa: F401

MB = 1024 * 1024
GROWTH_BOUND = 40 * MB  # far below the 200 MB a web process may grow by; the bomb alone would be 1 GB


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """Just under 1 MB on disk, so the upload page checks it while the user waits; 940 MB unpacked."""
    path = tmp_path_factory.mktemp("bomb") / "台账.xlsx"
    s.zip_bomb(path, expanded_bytes=940 * MB)
    assert path.stat().st_size < 1024 * 1024
    with zipfile.ZipFile(path) as archive:
        assert sum(info.file_size for info in archive.infolist()) > 900 * MB
    return path


def peak_during(action) -> tuple[object, int]:
    """What ``action()`` returns and the most Python memory it held at once."""
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_zip_bomb_uploaded_in_the_browser_is_refused_without_growing_the_process(staff_client, bomb):
    data = bomb.read_bytes()

    def post():
        upload = SimpleUploadedFile("台账.xlsx", data, content_type="application/octet-stream")
        return staff_client.post(reverse("workbench:ledger_upload"), {"file": upload})

    response, peak = peak_during(post)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Excel文件解压后达" in page and "超过200MB的上限" in page
    assert not LedgerUpload.objects.exists()
    assert peak < GROWTH_BOUND, f"{peak / MB:.0f} MB"


def test_the_background_check_refuses_the_zip_bomb_without_growing_the_worker(bomb):
    report, peak = peak_during(lambda: ledger_check(file=str(bomb), filename="台账.xlsx"))
    assert not report.ok
    assert "Excel文件解压后达" in report.errors[0].reason
    assert peak < GROWTH_BOUND, f"{peak / MB:.0f} MB"


def _sheet(tmp_path, rows: list[bytes], *, repeat: int = 1):
    path = tmp_path / "台账.xlsx"
    s.workbook(path, rows, repeat=repeat)
    return path


def _refusal(path) -> str:
    with open(path, "rb") as file, pytest.raises(bounds.TooLarge) as refused:
        bounds.check_workbook(file)
    return refused.value.reason


def test_a_sheet_within_the_limits_passes_with_its_row_count(tmp_path):
    path = _sheet(tmp_path, [b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'], repeat=250)
    with open(path, "rb") as file:
        shape = bounds.check_workbook(file)
    assert (shape.rows, shape.widest) == (250, 1)


def test_too_many_rows_are_refused_while_streaming(tmp_path):
    path = _sheet(tmp_path, [b"<row><c><v>1</v></c></row>"], repeat=bounds.MAX_ROWS + 1)
    (reason, peak) = peak_during(lambda: _refusal(path))
    assert "台账超过200,000行" in reason
    assert peak < 5 * MB


def test_a_row_numbered_beyond_the_limit_is_refused(tmp_path):
    path = _sheet(tmp_path, [f'<row r="{bounds.MAX_ROWS + 5}"><c><v>1</v></c></row>'.encode()])
    assert "台账超过200,000行" in _refusal(path)


def test_a_row_with_too_many_cells_is_refused(tmp_path):
    cells = b"<c><v>1</v></c>" * (bounds.MAX_COLUMNS + 1)
    assert "超过100列" in _refusal(_sheet(tmp_path, [b"<row>" + cells + b"</row>"]))


def test_a_giant_cell_is_refused_without_being_held(tmp_path):
    cell = b'<row><c t="inlineStr"><is><t>' + b"A" * (8 * MB) + b"</t></is></c></row>"
    path = _sheet(tmp_path, [cell])
    reason, peak = peak_during(lambda: _refusal(path))
    assert "单元格的内容过长" in reason
    assert peak < 2 * MB


def test_shared_strings_beyond_their_limit_are_refused_from_the_directory(tmp_path):
    path = _sheet(tmp_path, [b"<row><c><v>1</v></c></row>"])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * (bounds.MAX_SHARED_STRINGS_BYTES + 1) + b"</sst>")
    assert "文字内容超过40MB" in _refusal(path)


def test_a_bloated_styles_part_is_refused_from_the_directory(tmp_path):
    path = _sheet(tmp_path, [b"<row><c><v>1</v></c></row>"])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/styles.xml", b"<styleSheet>" + b" " * (bounds.MAX_PART_BYTES + 1) + b"</styleSheet>")
    assert "「xl/styles.xml」过大" in _refusal(path)


def test_an_archive_declaring_too_many_entries_is_refused_before_its_directory_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(10_001):
            archive.writestr(f"x/{number}", b"")
    with pytest.raises(ZipRefused, match="部件过多"):
        open_zip(buffer)


HEADER = ",".join(COLUMNS) + "\n"


def test_a_csv_line_beyond_the_limit_is_refused(db):
    text = HEADER + "x" * (bounds.MAX_LINE_CHARS + 10) + "\n"
    report = ledger_check(file=io.BytesIO(text.encode()), filename="台账.csv")
    assert any("行过长" in e.reason for e in report.errors)


def test_a_csv_with_too_many_rows_or_columns_is_refused(db):
    wide = ",".join(["列"] * (bounds.MAX_COLUMNS + 1)) + "\n"
    report = ledger_check(file=io.BytesIO(wide.encode()), filename="台账.csv")
    assert any("超过100列" in e.reason for e in report.errors)
    long = HEADER + "x\n" * (bounds.MAX_ROWS + 1)
    report = ledger_check(file=io.BytesIO(long.encode()), filename="台账.csv")
    assert any("台账超过200,000行" in e.reason for e in report.errors)


def test_a_csv_that_is_not_utf8_is_still_named_as_such(db):
    report = ledger_check(file=io.BytesIO("会议,编号\n".encode("gbk")), filename="台账.csv")
    assert "CSV文件须为UTF-8编码" in report.errors[0].reason
