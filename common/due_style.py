"""The colour of a deadline on a list row, by the days left to it (the portals' row tags share it)."""

from __future__ import annotations


def due_style(days: int, near: int | None) -> str:
    """``due-overdue`` once past, ``due-near`` on the day and within ``near`` days, else muted text."""
    if days < 0:
        return "due-overdue"
    if days == 0 or (isinstance(near, int) and days <= near):
        return "due-near"
    return "text-muted"
