"""The name a user gave an uploaded file, kept as it was for the download (〔〕, Chinese and all).

The storage keeps its own safe path; this is only ever shown or sent in ``Content-Disposition``
(``files.downloads.content_disposition`` encodes it per RFC 5987), never used as a path.
"""

from __future__ import annotations

from pathlib import PurePosixPath

MAX_NAME = 200


def original_name(name: str | None) -> str:
    """The last part of ``name`` (a browser may send a full Windows path), without control characters,
    at most ``MAX_NAME`` characters with its extension kept."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip().lstrip(".")
    if len(base) <= MAX_NAME:
        return base
    suffix = PurePosixPath(base).suffix
    suffix = suffix if len(suffix) <= 10 else ""
    return base[: MAX_NAME - len(suffix)] + suffix


def stored_base_name(path: str | None) -> str:
    """The file part of a stored path: what a file uploaded before names were kept is called."""
    return (path or "").rsplit("/", 1)[-1]
