"""履职积分: points from the duty record, by the office's rules, each point traceable to its entry."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from duties.models import DEFAULT_POINTS, DutyKind, PointRule
from duties.sources import Entry, sources

ZERO = Decimal("0")
KIND_LABELS = dict(DutyKind.choices)
KIND_ORDER = [k.value for k in DutyKind]


@dataclass(frozen=True)
class Rule:
    kind: str
    points: Decimal
    cap: Decimal | None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def current_rules() -> dict[str, Rule]:
    """The office's rules, kind by kind; a kind without a stored rule uses the starting default."""
    stored = {r.kind: Rule(r.kind, r.points, r.yearly_cap) for r in PointRule.objects.all()}
    out = {}
    for kind in KIND_ORDER:
        if kind in stored:
            out[kind] = stored[kind]
        else:
            points, cap = DEFAULT_POINTS[kind]
            out[kind] = Rule(kind, Decimal(points), None if cap is None else Decimal(cap))
    return out


def kind_points(count: int, rule: Rule) -> Decimal:
    total = rule.points * count
    return min(total, rule.cap) if rule.cap is not None else total


@dataclass(frozen=True)
class ScoredEntry:
    entry: Entry
    points: Decimal
    capped: bool  # the kind's yearly cap was reached: this entry brings less than the rule's points


@dataclass
class KindLine:
    rule: Rule
    count: int = 0
    points: Decimal = ZERO
    entries: list[ScoredEntry] = field(default_factory=list)


@dataclass
class DutyRecord:
    deputy_id: int
    year: int
    until: dt.date
    lines: list[KindLine]

    @property
    def total(self) -> Decimal:
        return sum((line.points for line in self.lines), ZERO)

    @property
    def entries(self) -> list[ScoredEntry]:
        return sorted((e for line in self.lines for e in line.entries), key=lambda e: (e.entry.on, e.entry.kind))


def score(entries: Iterable[Entry], rules: dict[str, Rule]) -> list[KindLine]:
    """Points per kind, entries in date order; the entries past a kind's cap bring what is left (maybe 0)."""
    by_kind: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_kind[entry.kind].append(entry)
    lines = []
    for kind in KIND_ORDER:
        rule = rules[kind]
        line = KindLine(rule=rule)
        for entry in sorted(by_kind.get(kind, []), key=lambda e: (e.on, e.label)):
            room = None if rule.cap is None else rule.cap - line.points
            given = rule.points if room is None else max(ZERO, min(rule.points, room))
            line.entries.append(ScoredEntry(entry, given, given < rule.points))
            line.points += given
            line.count += 1
        lines.append(line)
    return lines


def duty_record(*, deputy_id: int, year: int, until: dt.date | None = None) -> DutyRecord:
    """One deputy's record of ``year`` up to ``until`` (the year's end by default), scored by today's rules."""
    until = min(until or dt.date(year, 12, 31), dt.date(year, 12, 31))
    entries = [e for s in sources() for e in s.entries(year=year, until=until, deputy_ids=[deputy_id])]
    return DutyRecord(deputy_id=deputy_id, year=year, until=until, lines=score(entries, current_rules()))


def scores(*, year: int, until: dt.date, deputy_ids: Iterable[int] | None = None) -> dict[int, dict]:
    """Per deputy: the count of each kind and the points, by grouped queries (one per source).

    Returns ``{deputy_id: {"counts": {kind: n}, "points": {kind: Decimal}, "total": Decimal}}`` for every
    deputy with at least one entry.
    """
    ids = list(deputy_ids) if deputy_ids is not None else None
    rules = current_rules()
    out: dict[int, dict] = {}
    for source in sources():
        for deputy_id, n in source.counts(year=year, until=until, deputy_ids=ids).items():
            if deputy_id is None:
                continue
            row = out.setdefault(deputy_id, {"counts": {}, "points": {}, "total": ZERO})
            row["counts"][source.kind] = n
            points = kind_points(n, rules[source.kind])
            row["points"][source.kind] = points
            row["total"] += points
    return out
