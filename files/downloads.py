"""Sending a stored file to a user who has passed the view's access check.

Files are never reachable under ``MEDIA_URL``: every download goes through a view that checks who asks.
When a proxy in front of the platform serves protected files (``PROTECTED_FILES_ACCEL_PREFIX``, e.g.
``/protected/`` mapped by an nginx ``internal`` location onto ``MEDIA_ROOT``), the view only answers
with ``X-Accel-Redirect``; otherwise it streams the file itself. The name the user sees keeps its
Chinese characters (RFC 5987 ``filename*``), with an ASCII fallback for old clients.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse

from files.kinds import kind_of_extension


def content_disposition(filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    fallback = f"download{suffix}" if suffix.isascii() else "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _content_type(filename: str) -> str:
    kind = kind_of_extension(filename)
    if kind is not None:
        return kind.content_type
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def protected_download(
    field_file,
    *,
    filename: str | None = None,
    missing: str = "没有上传文件",
    gone: str = "文件已不存在，请联系代表工作机构",
) -> HttpResponse:
    """The response that delivers ``field_file`` as an attachment named ``filename`` (default: its stored name)."""
    if not field_file:
        raise Http404(missing)
    name = filename or PurePosixPath(field_file.name).name
    prefix = getattr(settings, "PROTECTED_FILES_ACCEL_PREFIX", "")
    if prefix:
        if not field_file.storage.exists(field_file.name):
            raise Http404(gone)
        response = HttpResponse(content_type=_content_type(name))
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
    else:
        try:
            handle = field_file.open("rb")
        except FileNotFoundError:
            raise Http404(gone)
        response = FileResponse(handle, content_type=_content_type(name))
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
