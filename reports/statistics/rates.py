"""The rates of the reports (办复率, 按期办复率, 办结率, 满意率, 解决率, 见面率) from the totals.

Each is rounded half up to 4 decimal places and is null when its denominator is 0.
"""

from __future__ import annotations

from reports.statistics.sql import rate

RATE_KEYS = (
    "reply_rate",
    "on_time_rate",
    "closure_rate",
    "first_satisfaction_rate",
    "satisfaction_rate",
    "solved_or_planned_rate",
    "face_to_face_rate",
)


def rates(totals: dict[str, int], categories: dict[str, int]) -> dict[str, float | None]:
    t = totals
    return {
        "reply_rate": rate(t["replied"], t["assigned"]),
        "on_time_rate": rate(t["replied_on_time"], t["due_or_replied"]),
        "closure_rate": rate(t["closed"], t["assigned"]),
        "first_satisfaction_rate": rate(t["satisfied_first"] + t["basically_satisfied_first"], t["evaluated_first"]),
        "satisfaction_rate": rate(t["satisfied_final"] + t["basically_satisfied_final"], t["evaluated_final"]),
        "solved_or_planned_rate": rate(categories["A"] + categories["B"], t["replied"]),
        "face_to_face_rate": rate(t["face_to_face"], t["replied"]),
    }
