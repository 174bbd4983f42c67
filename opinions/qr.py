"""QR codes of the public pages, drawn as SVG on the server (segno), for posters and name cards."""

from __future__ import annotations

import io

import segno
from django.conf import settings


def public_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def svg(url: str, *, title: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False, title=title, dark="#1f2d3d")
    return out.getvalue()
