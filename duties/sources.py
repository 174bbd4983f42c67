"""Where a deputy's duty record comes from: one source per kind of entry, pluggable.

Each source answers two questions over the platform's own rows, for one year and up to a day:
``entries`` — the dated entries of some deputies, each naming what it came from (for the record page
and the points' trace); ``counts`` — how many entries each deputy has (one grouped query, for lists of
thousands of deputies). Another app adds its sources with ``register`` from its ``AppConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, DateField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate

from duties.models import ACTIVITY_KINDS, Activity, DutyKind, ExcellentNomination, NominationStatus
from proposals.choices import FACE_TO_FACE_METHODS
from proposals.models import Contact, Evaluation, Proposal, Reply
from proposals.models.proposal import ProposalState as S
from reports.statistics.sql import AddMonths

NOT_FILED = (S.DRAFT, S.WITHDRAWN)
KIND_LABELS = dict(DutyKind.choices)
NOT_REGISTERED = (S.DRAFT, S.WITHDRAWN, S.SUBMITTED, S.REJECTED, S.MERGED)


@dataclass(frozen=True)
class Entry:
    deputy_id: int
    kind: str
    on: dt.date
    label: str
    source: str  # what it came from, e.g. "议案建议 0012" or "活动记录"
    origin: str = "proposal"  # which kind of row it came from: proposal, activity, reception, opinion …
    object_id: int | None = None

    @property
    def proposal_id(self) -> int | None:
        return self.object_id if self.origin == "proposal" else None

    @property
    def activity_id(self) -> int | None:
        return self.object_id if self.origin == "activity" else None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class Source:
    """``rows(year, until)`` gives a queryset with the columns deputy_id, on, label, ref (one row an entry)."""

    kind: str
    rows: Callable[[int, dt.date], QuerySet]
    source_label: Callable[[dict], str]
    origin: str = "proposal"

    def entries(self, *, year: int, until: dt.date, deputy_ids: Iterable[int]) -> list[Entry]:
        rows = self.rows(year, until).filter(deputy_id__in=list(deputy_ids)).order_by()
        return [
            Entry(
                deputy_id=row["deputy_id"],
                kind=self.kind,
                on=row["on"],
                label=row["label"],
                source=self.source_label(row),
                origin=self.origin,
                object_id=row["obj"],
            )
            for row in rows.values("deputy_id", "on", "label", "ref", "obj")
        ]

    def counts(self, *, year: int, until: dt.date, deputy_ids: Iterable[int] | None = None) -> dict[int, int]:
        rows = self.rows(year, until)
        if deputy_ids is not None:
            rows = rows.filter(deputy_id__in=list(deputy_ids))
        grouped = rows.order_by().values("deputy_id").annotate(n=Count("*")).values_list("deputy_id", "n")
        return dict(grouped)


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.kind] = source


def sources() -> list[Source]:
    return list(_SOURCES.values())


def _year(year: int, until: dt.date, field: str) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": min(until, dt.date(year, 12, 31))})


def _item_label(row: dict) -> str:
    return f"议案建议 {row['ref'] or '未编号'}"


# --- items led and co-signed ----------------------------------------------------------------------
def _led(year: int, until: dt.date) -> QuerySet:
    return (
        Proposal.objects.filter(_year(year, until, "submitted_on"))
        .exclude(state__in=NOT_FILED)
        .annotate(deputy_id=F("lead_deputy_id"), on=F("submitted_on"), label=F("title"), ref=F("number"), obj=F("pk"))
    )


def _cosigned(year: int, until: dt.date) -> QuerySet:
    through = Proposal.co_signers.through
    rows = through.objects.filter(_year(year, until, "proposal__submitted_on")).exclude(proposal__state__in=NOT_FILED)
    if any(f.name == "status" for f in through._meta.get_fields()):  # invitations: only accepted ones count
        rows = rows.filter(status="accepted")
    return rows.annotate(
        on=F("proposal__submitted_on"), label=F("proposal__title"), ref=F("proposal__number"), obj=F("proposal_id")
    )


def _registered(year: int, until: dt.date) -> QuerySet:
    return _led(year, until).exclude(state__in=NOT_REGISTERED)


def _key_supervision(year: int, until: dt.date) -> QuerySet:
    chosen_on = TruncDate("key_supervision_at")
    return (
        Proposal.objects.filter(key_supervision=True, lead_deputy__isnull=False)
        .annotate(chosen_on=Coalesce(chosen_on, F("submitted_on"), output_field=DateField()))
        .filter(_year(year, until, "chosen_on"))
        .annotate(deputy_id=F("lead_deputy_id"), on=F("chosen_on"), label=F("title"), ref=F("number"), obj=F("pk"))
    )


def _excellent(year: int, until: dt.date) -> QuerySet:
    return ExcellentNomination.objects.filter(
        status=NominationStatus.SELECTED, year=year, decided_on__lte=until
    ).annotate(
        deputy_id=F("proposal__lead_deputy_id"),
        on=F("decided_on"),
        label=F("proposal__title"),
        ref=F("proposal__number"),
        obj=F("proposal_id"),
    )


# --- ratings given on time ----------------------------------------------------------------------------
def _ratings_on_time(year: int, until: dt.date) -> QuerySet:
    from proposals.models import HandlingRules

    months = HandlingRules.current().evaluation_months
    round_reply = (
        Reply.objects.filter(proposal=OuterRef("proposal"), round=OuterRef("round"))
        .order_by("-replied_on")
        .values("replied_on")[:1]
    )
    return (
        Evaluation.objects.filter(_year(year, until, "evaluated_on"))
        .annotate(replied=Subquery(round_reply, output_field=DateField()))
        .filter(evaluated_on__lte=AddMonths(F("replied"), months=months))
        .annotate(on=F("evaluated_on"), label=F("proposal__title"), ref=F("proposal__number"), obj=F("proposal_id"))
    )


# --- contacts with the units on the deputy's own items ---------------------------------------------
def _contacts(face_to_face: bool) -> Callable[[int, dt.date], QuerySet]:
    def rows(year: int, until: dt.date) -> QuerySet:
        methods = Q(method__in=FACE_TO_FACE_METHODS)
        return (
            Contact.objects.filter(_year(year, until, "contacted_on"))
            .filter(methods if face_to_face else ~methods)
            .annotate(
                deputy_id=F("proposal__lead_deputy_id"),
                on=F("contacted_on"),
                label=Coalesce(F("unit__name"), F("proposal__title")),
                ref=F("proposal__number"),
                obj=F("proposal_id"),
            )
        )

    return rows


def _contact_label(row: dict) -> str:
    return f"议案建议 {row['ref'] or '未编号'} 的沟通"


# --- activities entered by staff ---------------------------------------------------------------------
def _activities(kind: str) -> Callable[[int, dt.date], QuerySet]:
    def rows(year: int, until: dt.date) -> QuerySet:
        return Activity.objects.filter(_year(year, until, "held_on"), kind=kind).annotate(
            on=F("held_on"), label=F("title"), ref=F("kind"), obj=F("pk")
        )

    return rows


def _activity_label(row: dict) -> str:
    return "活动记录"


register(Source(DutyKind.LEAD, _led, _item_label))
register(Source(DutyKind.COSIGN, _cosigned, _item_label))
register(Source(DutyKind.REGISTERED, _registered, _item_label))
register(Source(DutyKind.KEY_SUPERVISION, _key_supervision, _item_label))
register(Source(DutyKind.EXCELLENT, _excellent, _item_label))
register(Source(DutyKind.RATING_ON_TIME, _ratings_on_time, _item_label))
register(Source(DutyKind.MEETING, _contacts(True), _contact_label))
register(Source(DutyKind.CONTACT, _contacts(False), _contact_label))
for _kind in ACTIVITY_KINDS:
    register(Source(_kind, _activities(_kind), _activity_label, origin="activity"))
