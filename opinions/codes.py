"""Query codes (查询码): random, unguessable, easy to read aloud and type."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L: the code is read from a slip of paper or over the phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12  # 31**12 ≈ 7.9e17 codes


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one."""
    code = "".join(ch for ch in (text or "").upper() if ch not in " -")
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code
