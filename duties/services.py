"""Writes of the duty record: activities, point rules, 优秀建议, quarterly publications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from deputies.models import Deputy
from duties import points
from duties.models import (
    ACTIVITY_KINDS,
    Activity,
    DutyKind,
    ExcellentNomination,
    NominationStatus,
    PointRule,
    Publication,
)
from proposals.errors import ConflictError, DomainError
from proposals.models import Proposal
from proposals.models.proposal import EXCLUDED_STATES


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter not in (1, 2, 3, 4):
        raise DomainError("季度只能是1至4")
    month = quarter * 3
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_first - dt.timedelta(days=1)


@transaction.atomic
def activity_create(
    *, by, deputy: Deputy, kind: str, held_on: dt.date, title: str, evidence: str, evidence_file=None
) -> Activity:
    if kind not in {k.value for k in ACTIVITY_KINDS}:
        raise DomainError("请选择履职活动类别")
    if held_on > timezone.localdate():
        raise DomainError("活动日期不能晚于今天")
    activity = Activity(deputy=deputy, kind=kind, held_on=held_on, title=title, evidence=evidence, created_by=by)
    if evidence_file:
        activity.evidence_file = evidence_file
    activity.save()
    return activity


@transaction.atomic
def activity_delete(*, by, activity: Activity) -> None:
    activity.delete()


@transaction.atomic
def point_rules_update(*, by, values: dict[str, tuple[Decimal, Decimal | None]]) -> int:
    """Store the office's rules; returns how many kinds changed. Scores follow at once (they are computed);
    publications already made keep the rules they were made with."""
    changed = 0
    current = points.current_rules()
    for kind, (value, cap) in values.items():
        if kind not in current:
            raise DomainError(f"未知的履职事项：{kind}")
        if value < 0 or (cap is not None and cap < 0):
            raise DomainError("积分和上限不能为负数")
        rule = current[kind]
        if rule.points == value and rule.cap == cap:
            continue
        PointRule.objects.update_or_create(kind=kind, defaults={"points": value, "yearly_cap": cap, "updated_by": by})
        changed += 1
    return changed


@transaction.atomic
def excellent_nominate(*, by, proposal: Proposal, reason: str) -> ExcellentNomination:
    if proposal.state in EXCLUDED_STATES or proposal.submitted_on is None:
        raise DomainError("只能推荐已提交并在办理中的议案建议")
    if ExcellentNomination.objects.filter(proposal=proposal).exists():
        raise DomainError("此件已被推荐为优秀建议候选")
    return ExcellentNomination.objects.create(
        proposal=proposal, year=proposal.session.year, reason=reason, nominated_by=by
    )


@transaction.atomic
def excellent_decide(*, by, nomination: ExcellentNomination, selected: bool, note: str = "") -> ExcellentNomination:
    """评定 a nomination; a stale copy (decided meanwhile by someone else) is refused."""
    status = NominationStatus.SELECTED if selected else NominationStatus.NOT_SELECTED
    today = timezone.localdate()
    claimed = ExcellentNomination.objects.filter(pk=nomination.pk, version=nomination.version).update(
        status=status, decided_by=by, decided_on=today, decision_note=note, version=F("version") + 1
    )
    if not claimed:
        raise ConflictError()
    nomination.refresh_from_db()
    return nomination


def ranked(rows: list[dict], *, key: str = "total") -> None:
    """Competition ranks (1, 2, 2, 4) by ``key`` descending, written to ``row['rank']`` in place."""
    ordered = sorted(rows, key=lambda r: -Decimal(r[key]))
    previous = None
    for position, row in enumerate(ordered, start=1):
        value = Decimal(row[key])
        row["rank"] = previous[1] if previous and previous[0] == value else position
        previous = (value, row["rank"])


def publication_rows(*, year: int, until: dt.date) -> list[dict]:
    """Every deputy in office with their points of the year up to ``until``, ranked within their delegation."""
    totals = points.scores(year=year, until=until)
    deputies = Deputy.objects.filter(active=True).select_related("delegation").order_by("delegation__name", "name")
    rows = []
    for deputy in deputies.iterator(chunk_size=2000):
        score = totals.get(deputy.pk, {"points": {}, "total": Decimal("0")})
        rows.append(
            {
                "deputy_id": deputy.pk,
                "deputy": deputy.name,
                "delegation": deputy.delegation.name if deputy.delegation else "未编团",
                "points": {kind: str(value) for kind, value in score["points"].items()},
                "total": str(score["total"]),
            }
        )
    by_delegation: dict[str, list[dict]] = {}
    for row in rows:
        by_delegation.setdefault(row["delegation"], []).append(row)
    for group in by_delegation.values():
        ranked(group)
    rows.sort(key=lambda r: (r["delegation"], r["rank"], r["deputy"]))
    return rows


@transaction.atomic
def publication_publish(*, by, year: int, quarter: int) -> Publication:
    """季度公示: freeze the year-to-date points at the quarter's end, as published."""
    until = quarter_end(year, quarter)
    if until >= timezone.localdate():
        raise DomainError("该季度尚未结束，不能发布公示")
    if Publication.objects.filter(year=year, quarter=quarter).exists():
        raise DomainError(f"{year}年第{quarter}季度已发布公示，已发布的公示不再改动")
    rules = [
        {"kind": r.kind, "label": r.label, "points": str(r.points), "cap": None if r.cap is None else str(r.cap)}
        for r in points.current_rules().values()
    ]
    return Publication.objects.create(
        year=year,
        quarter=quarter,
        as_of=until,
        rows=publication_rows(year=year, until=until),
        rules=rules,
        published_by=by,
    )


KIND_LABELS = dict(DutyKind.choices)
