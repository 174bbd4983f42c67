"""How long a text a user may enter, in one place: forms show it (``maxlength``) and check it, services check
it again. A text field of a form that names no limit gets the default of its kind (see ``common.forms``)."""

from __future__ import annotations

TITLE_MAX = 200  # titles, and any single-line text without a limit of its own
CONTENT_MAX = 10_000  # a proposal's content, an opinion's body, any multi-line text without a limit of its own
REASON_MAX = 2_000  # reasons, comments, notes, supervision notice texts


def too_long(text: str, *, limit: int, label: str) -> str | None:
    """The Chinese message when ``text`` is longer than ``limit``, else ``None``."""
    if text is not None and len(text) > limit:
        return f"{label}不能超过{limit:,}字（现为{len(text):,}字）"
    return None
