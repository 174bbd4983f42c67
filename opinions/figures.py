"""The figures of the 民意池, aggregated in SQL.

Per station, per deputy and per field, for opinions received in a period:

- ``received``: opinions received (merged ones included — each is a citizen's opinion);
- ``answered`` / ``referred`` / ``suggested``: by the decision taken on the opinion, or for a merged
  opinion on the one it was merged under (直接答复 / 转交办理 / 转为建议);
- ``fed_back``: the citizen has an answer on the query page (a direct answer, the unit's answer to the
  referral, the released outcome of the suggestion, or the suggestion's answer once published);
- ``median_days``: the median number of days from receipt to the first response (any triage
  decision), over the opinions that had one.

Receptions: per deputy, the 接待选民 activities they took part in during a quarter, against the
office's minimum (``OpinionRules.receptions_per_quarter``, default 1); active deputies below it are listed.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth

from deputies.models import Deputy
from opinions.models import Opinion, OpinionRules, OpinionState
from opinions.sql import DaysBetween, Median

S = OpinionState
GROUPS = {
    "station": ("station__name", "联络站"),
    "deputy": ("deputy__name", "代表"),
    "field": ("field", "领域"),
    "area": ("area", "区域"),
}


def period_opinions(*, start: dt.date, end: dt.date, fields: list[str] | None = None) -> QuerySet[Opinion]:
    qs = Opinion.objects.filter(received_on__gte=start, received_on__lte=end)
    return qs.filter(field__in=fields) if fields is not None else qs


def _measures() -> dict:
    decided = Coalesce(F("merged_into__state"), F("state"))
    return {
        "received": Count("pk"),
        "answered": Count("pk", filter=Q(decided_state=S.ANSWERED)),
        "referred": Count("pk", filter=Q(decided_state=S.REFERRED)),
        "suggested": Count("pk", filter=Q(decided_state=S.SUGGESTED)),
        "fed_back": Count("pk", filter=Q(fed_back_on__isnull=False)),
        "median_days": Median(DaysBetween("first_response_on", "received_on")),
    }, decided


def _round(value):
    return None if value is None else round(float(value), 1)


def by_group(qs: QuerySet[Opinion], group: str) -> list[dict]:
    """One row per station / deputy / field / area, largest first; rows without the key are left out."""
    key, _ = GROUPS[group]
    measures, decided = _measures()
    rows = (
        qs.annotate(decided_state=decided)
        .exclude(**{f"{key}__isnull": True})
        .exclude(**{key: ""})
        .values(key)
        .annotate(**measures)
        .order_by("-received", key)
    )
    return [{"name": r[key], **{m: r[m] for m in measures}, "median_days": _round(r["median_days"])} for r in rows]


def totals(qs: QuerySet[Opinion]) -> dict:
    measures, decided = _measures()
    row = qs.annotate(decided_state=decided).aggregate(**measures)
    row["median_days"] = _round(row["median_days"])
    return row


def by_month(qs: QuerySet[Opinion]) -> list[dict]:
    rows = qs.annotate(month=TruncMonth("received_on")).values("month").annotate(n=Count("pk")).order_by("month")
    return [{"month": f"{r['month']:%Y-%m}", "count": r["n"]} for r in rows]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if not 1 <= quarter <= 4:
        raise ValueError("quarter must be 1..4")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def receptions_by_deputy(*, year: int, quarter: int, minimum: int | None = None) -> dict:
    """Receptions per active deputy in the quarter (most first), and those below the office's minimum
    (fewest first) — both counted and ordered in SQL."""
    start, end = quarter_bounds(year, quarter)
    minimum = OpinionRules.current().receptions_per_quarter if minimum is None else minimum
    counted = Deputy.objects.filter(active=True).annotate(
        n=Count("receptions", filter=Q(receptions__held_on__gte=start, receptions__held_on__lte=end))
    )
    columns = ("name", "delegation__name", "n")
    rows = counted.values_list(*columns).order_by("-n", "name", "pk")
    below = counted.filter(n__lt=minimum).values_list(*columns).order_by("n", "name", "pk")
    return {
        "start": start,
        "end": end,
        "minimum": minimum,
        "rows": [_reception_row(r) for r in rows],
        "below": [_reception_row(r) for r in below],
    }


def _reception_row(row: tuple) -> dict:
    name, delegation, n = row
    return {"deputy": name, "delegation": delegation or "", "receptions": n}
