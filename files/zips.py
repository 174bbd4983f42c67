"""Opening a zip container (.xlsx, .docx, .ofd) without trusting it.

``zipfile.ZipFile`` reads the whole central directory into memory before anything can be checked, so a
small archive that declares millions of entries is refused here first, from its end-of-central-directory
record (22 bytes near the end of the file). The sizes of the entries then come from that directory,
before anything is unpacked: a zip bomb is refused without being expanded.
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

EOCD_SIGNATURE = b"PK\x05\x06"
EOCD_SIZE = 22
MAX_COMMENT = 65535
MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024


class ZipRefused(Exception):
    """The archive is not a sane zip file. ``reason`` is a Chinese sentence."""

    def __init__(self, reason: str, *, damaged: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged


def _directory_record(file: BinaryIO) -> tuple[int, int]:
    """(number of entries, size of the central directory) as the archive declares them."""
    file.seek(0, 2)
    size = file.tell()
    tail_length = min(size, EOCD_SIZE + MAX_COMMENT)
    file.seek(size - tail_length)
    tail = file.read(tail_length)
    at = tail.rfind(EOCD_SIGNATURE)
    if at < 0 or len(tail) - at < EOCD_SIZE:
        raise ZipRefused("文件已损坏：不是完整的压缩格式文件", damaged=True)
    _sig, _disk, _start_disk, _here, entries, directory_size, _offset, _comment = struct.unpack(
        "<4s4H2LH", tail[at : at + EOCD_SIZE]
    )
    return entries, directory_size


def open_zip(file: BinaryIO, *, max_entries: int = MAX_ENTRIES) -> zipfile.ZipFile:
    """A ``ZipFile`` over ``file`` once its directory is known to be small. Raises ``ZipRefused``."""
    entries, directory_size = _directory_record(file)
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        raise ZipRefused("文件的压缩目录过大（ZIP64），不予处理")
    if entries > max_entries or directory_size > MAX_DIRECTORY_BYTES:
        raise ZipRefused(f"文件中包含的部件过多（{entries}个），不予处理")
    try:
        file.seek(0)
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise ZipRefused("文件已损坏：不是完整的压缩格式文件", damaged=True) from exc
