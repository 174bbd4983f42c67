"""承办单位考核: each leading unit's year-end score, from the figures of ``units`` and the office's weights.

score = 100 × Σ wₖ·rₖ / Σ wₖ over the parts k whose rate rₖ is defined (按期签收率, 按期答复率, 见面率,
满意率), minus the penalties for returned replies and overdue follow-ups, never below 0, rounded half
up to 2 decimal places. A part whose denominator is 0 leaves both sums (nothing to measure is neither
a gain nor a loss); with no part defined the score is null. Units with fewer than 5 lead items are
listed but not ranked, as in ``units``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from reports.statistics.sql import rate
from reports.statistics.units import RANKING_THRESHOLD

UNIT_SCORE_KEYS = (
    "unit",
    "lead_items",
    "signed",
    "signed_on_time",
    "sign_on_time_rate",
    "on_time_rate",
    "face_to_face",
    "face_to_face_rate",
    "satisfaction_rate",
    "returned_replies",
    "overdue_followups",
    "score",
    "rank",
)
SCORE_PLACES = Decimal("0.01")


def weights() -> dict[str, Decimal]:
    from duties.models import UnitAssessmentRule

    rule = UnitAssessmentRule.objects.order_by("pk").first() or UnitAssessmentRule()
    return {
        "sign_on_time_rate": rule.sign_on_time_weight,
        "on_time_rate": rule.on_time_weight,
        "face_to_face_rate": rule.face_to_face_weight,
        "satisfaction_rate": rule.satisfaction_weight,
        "returned_replies": rule.returned_reply_penalty,
        "overdue_followups": rule.overdue_followup_penalty,
    }


def penalty_counts(*, year: int, as_of: dt.date) -> tuple[dict[int, int], dict[int, int]]:
    """Per unit: replies returned in the office's review, and promised actions overdue, as of as_of.

    Both are counted by the modules that keep them (the reply review and the follow-ups) when those
    are installed; without them there is nothing to count."""
    returned: dict[int, int] = {}
    overdue: dict[int, int] = {}
    for counter in PENALTY_COUNTERS:
        got_returned, got_overdue = counter(year=year, as_of=as_of)
        for target, got in ((returned, got_returned), (overdue, got_overdue)):
            for unit_id, n in got.items():
                target[unit_id] = target.get(unit_id, 0) + n
    return returned, overdue


PENALTY_COUNTERS: list = []


def compute_score(entry: dict, w: dict[str, Decimal]) -> Decimal | None:
    parts = [(w[key], Decimal(str(entry[key]))) for key in RATE_PARTS if entry[key] is not None and w[key] > 0]
    total_weight = sum((weight for weight, _ in parts), Decimal("0"))
    if not parts or not total_weight:
        return None
    value = Decimal("100") * sum((weight * r for weight, r in parts), Decimal("0")) / total_weight
    value -= w["returned_replies"] * entry["returned_replies"] + w["overdue_followups"] * entry["overdue_followups"]
    return max(Decimal("0"), value).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


RATE_PARTS = ("sign_on_time_rate", "on_time_rate", "face_to_face_rate", "satisfaction_rate")


def rank_scores(entries: list[dict]) -> list[dict]:
    """Ranks by score descending among units with ≥ 5 lead items and a score (ties share: 1, 2, 2, 4);
    ordered by rank then unit name, the unranked last by name."""
    rankable = [e for e in entries if e["lead_items"] >= RANKING_THRESHOLD and e["score"] is not None]
    rankable.sort(key=lambda e: (-e["score"], e["unit"]))
    previous = None
    for position, entry in enumerate(rankable, start=1):
        entry["rank"] = previous[1] if previous and previous[0] == entry["score"] else position
        previous = (entry["score"], entry["rank"])
    ranked = {id(e) for e in rankable}
    others = sorted((e for e in entries if id(e) not in ranked), key=lambda e: e["unit"])
    for entry in others:
        entry["rank"] = None
    return sorted(rankable, key=lambda e: (e["rank"], e["unit"])) + others


def unit_scores(*, year: int, as_of: dt.date, units: list[dict], counts: list[dict]) -> list[dict]:
    """The contract's ``unit_scores`` list, built on the ``units`` list of the same report and on the
    ``units.unit_counts`` rows it was made from (which hold each unit's signing and meeting counts)."""
    w = weights()
    unit_ids = {row["unit__name"]: row["unit_id"] for row in counts}
    measured = {row["unit_id"]: row["signed"] for row in counts}
    on_time = {row["unit_id"]: row["signed_on_time"] for row in counts}
    met = {row["unit_id"]: row["face_to_face"] for row in counts}
    returned, overdue = penalty_counts(year=year, as_of=as_of)
    entries = []
    for unit in units:
        pk = unit_ids[unit["unit"]]
        entry = {
            "unit": unit["unit"],
            "lead_items": unit["lead_items"],
            "signed": measured.get(pk, 0),
            "signed_on_time": on_time.get(pk, 0),
            "sign_on_time_rate": rate(on_time.get(pk, 0), measured.get(pk, 0)),
            "on_time_rate": unit["on_time_rate"],
            "face_to_face": met.get(pk, 0),
            "face_to_face_rate": rate(met.get(pk, 0), unit["replied"]),
            "satisfaction_rate": unit["satisfaction_rate"],
            "returned_replies": returned.get(pk, 0),
            "overdue_followups": overdue.get(pk, 0),
            "score": None,
            "rank": None,
        }
        score = compute_score(entry, w)
        entry["score"] = float(score) if score is not None else None
        entries.append(entry)
    return [{key: e[key] for key in UNIT_SCORE_KEYS} for e in rank_scores(entries)]
