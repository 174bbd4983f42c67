"""Reads of the 民意池: list pages (keyset), an opinion's page, the unit's referrals, the citizen's view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from common.ids import parse_id
from opinions.models import Opinion, OpinionState, Reception, Referral, ReferralState
from opinions.outcome import LIVE, suggestion_outcome

PER_PAGE = 25

LIST_TABS = {
    "new": "待处置",
    "referred": "转交办理中",
    "suggested": "已转为建议",
    "done": "已办结",
    "all": "全部",
}


@dataclass(frozen=True)
class Cursor:
    """The last row of a page in (date, id) descending order, for the next page's ``after``."""

    day: dt.date
    pk: int

    def encode(self) -> str:
        return f"{self.day.isoformat()}_{self.pk}"

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        try:
            day, pk = (text or "").split("_")
            number = parse_id(pk)
            return cls(dt.date.fromisoformat(day), number) if number else None
        except ValueError:
            return None


@dataclass
class KeysetPage:
    rows: list
    next_cursor: str | None


def keyset(qs: QuerySet, *, date_field: str, cursor: Cursor | None, per_page: int = PER_PAGE) -> KeysetPage:
    if cursor is not None:
        qs = qs.filter(Q(**{f"{date_field}__lt": cursor.day}) | Q(**{date_field: cursor.day, "pk__lt": cursor.pk}))
    rows = list(qs.order_by(f"-{date_field}", "-pk")[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    nxt = Cursor(getattr(rows[-1], date_field), rows[-1].pk).encode() if more else None
    return KeysetPage(rows=rows, next_cursor=nxt)


def filter_tab(qs: QuerySet[Opinion], tab: str) -> QuerySet[Opinion]:
    S = OpinionState
    if tab == "new":
        return qs.filter(state=S.NEW)
    if tab == "referred":
        return qs.filter(state=S.REFERRED, referral__state=ReferralState.OPEN)
    if tab == "suggested":
        return qs.filter(state=S.SUGGESTED)
    if tab == "done":
        return qs.exclude(state__in=[S.NEW, S.SUGGESTED]).exclude(referral__state=ReferralState.OPEN)
    return qs


def opinion_list(qs: QuerySet[Opinion], *, tab: str, cursor: Cursor | None, field: str = "") -> KeysetPage:
    qs = filter_tab(qs, tab).select_related("station", "deputy", "referral__unit", "suggestion")
    if field:
        qs = qs.filter(field=field)
    return keyset(qs, date_field="received_on", cursor=cursor)


def opinion_page(opinion: Opinion) -> dict:
    """What an opinion's page shows, in a constant number of queries."""
    head = opinion.merged_into
    return {
        "steps": list(opinion.steps.select_related("by").order_by("decided_on", "id")),
        "referral": Referral.objects.select_related("unit").filter(opinion=opinion).first(),
        "merged": list(opinion.merged_opinions.order_by("received_on", "id")),
        "head": head,
        "head_steps": list(head.steps.order_by("decided_on", "id")) if head else [],
    }


def receptions_for(*, station_ids: list[int] | None, cursor: Cursor | None) -> KeysetPage:
    qs = Reception.objects.select_related("station").prefetch_related("deputies").annotate(taken=Count("opinions"))
    if station_ids is not None:
        qs = qs.filter(station_id__in=station_ids)
    return keyset(qs, date_field="held_on", cursor=cursor)


def unit_referrals(qs: QuerySet[Referral], *, tab: str) -> list[Referral]:
    state = ReferralState.ANSWERED if tab == "answered" else ReferralState.OPEN
    order = ("-answered_on", "-id") if tab == "answered" else ("due_on", "id")
    return list(qs.filter(state=state).select_related("opinion", "opinion__station").order_by(*order)[:200])


# --- the citizen's query page ---------------------------------------------------------------------


def citizen_view(opinion: Opinion) -> dict:
    """Everything the citizen may see of their own opinion: its steps and outcome, no one else's data.

    Names of the staff who acted, other citizens' opinions merged with this one and the citizen's own
    phone are never part of it.
    """
    head = opinion.merged_into
    source = head or opinion
    own_steps = [s for s in opinion.steps.order_by("decided_on", "id")]
    head_steps = [s for s in head.steps.order_by("decided_on", "id")] if head else []
    steps = [
        {
            "on": s.decided_on,
            "label": s.get_decision_display(),
            "by": s.by_label,
            "reason": s.reason,
            "answer": s.answer,
        }
        for s in own_steps + head_steps
    ]
    suggestion = source.suggestion
    outcome = None
    if suggestion is not None:
        outcome = suggestion_outcome(suggestion, summary=source.released_summary, today=timezone.localdate())
    published = bool(outcome and outcome["publication"] == LIVE)
    referral = Referral.objects.filter(opinion=source).select_related("unit").first()
    return {
        "opinion": opinion,
        "steps": steps,
        "merged": head is not None,
        "state_label": source.get_state_display(),
        "outcome": outcome,
        "referral_open": referral is not None and referral.state == ReferralState.OPEN,
        "referral_unit": referral.unit.name if referral else "",
        "can_rate": not opinion.satisfaction and ((opinion.fed_back_on or source.fed_back_on) is not None or published),
    }
