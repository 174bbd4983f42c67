"""The 民意池's entries in the deputies' duty record: receptions held and opinions received."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet

from duties.models import DutyKind
from duties.sources import Source, register
from opinions.models import Opinion, Reception


def _year(year: int, until: dt.date, field: str) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": min(until, dt.date(year, 12, 31))})


def _receptions(year: int, until: dt.date) -> QuerySet:
    through = Reception.deputies.through
    return through.objects.filter(_year(year, until, "reception__held_on")).annotate(
        on=F("reception__held_on"),
        label=F("reception__station__name"),
        ref=F("reception__topic"),
        obj=F("reception_id"),
    )


def _opinions(year: int, until: dt.date) -> QuerySet:
    return Opinion.objects.filter(
        _year(year, until, "received_on"), deputy__isnull=False, merged_into__isnull=True
    ).annotate(on=F("received_on"), label=F("field"), ref=F("source"), obj=F("pk"))


def _reception_label(row: dict) -> str:
    return f"接待选民{('：' + row['ref']) if row['ref'] else ''}"


def _opinion_label(row: dict) -> str:
    return "收集群众意见"


def register_sources() -> None:
    register(Source(DutyKind.RECEPTION, _receptions, _reception_label, origin="reception"))
    register(Source(DutyKind.OPINION, _opinions, _opinion_label, origin="opinion"))
