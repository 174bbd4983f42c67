"""The monthly report's follow-up lists: 重点督办 items, unsatisfied and re-handled items, pending requests."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from proposals.choices import Rating, RequestStatus
from proposals.models import AdjustmentRequest, Assignment, Evaluation, ExtensionRequest, ProgressNote, Proposal, Reply
from reports.statistics.open_items import PENDING, pending_annotation, with_open_round
from reports.statistics.population import (
    ANSWERING_ROLES,
    FINAL_RESULT,
    FINAL_ROUND,
    OPEN_DUE,
    OPEN_ROUND,
    ItemFacts,
    assignment_live,
)
from reports.statistics.sql import AddMonths, start_of_next_day
from reports.statistics.totals import suggestions

UNIT_SEPARATOR = "、"
RATING_LABELS = dict(Rating.choices)

# Where an item stands as of the report's day.
NOT_ASSIGNED = "未交办"
CLOSED = "已办结"
HANDLING = "办理中"
OVERDUE = "超期未答复"
REPLIED = "已答复"
REHANDLING = "重新办理中"
REHANDLING_OVERDUE = "重新办理超期"
REHANDLED = "重新办理已答复"


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def answering_unit_names(*, proposal_ids, as_of: dt.date) -> dict[int, str]:
    """For each item, its answering units (主办 / 分办) still handling it as of as_of, joined by 、 (one query)."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Assignment.objects.filter(assignment_live(as_of), proposal_id__in=proposal_ids, role__in=ANSWERING_ROLES)
        .order_by("proposal_id", "id")
        .values_list("proposal_id", "unit__name")
    )
    for proposal_id, name in rows:
        if name not in names[proposal_id]:
            names[proposal_id].append(name)
    return {pk: UNIT_SEPARATOR.join(unit_names) for pk, unit_names in names.items()}


def status(row: dict, as_of: dt.date) -> str:
    """Where the item stands as of as_of (needs ``assigned_on``, ``closed_on``, ``first_replied_on``,
    ``OPEN_ROUND``, ``OPEN_DUE`` and ``PENDING`` in the row)."""
    if row["assigned_on"] is None or row["assigned_on"] > as_of:
        return NOT_ASSIGNED
    if row["closed_on"] is not None and row["closed_on"] <= as_of:
        return CLOSED
    late = row[OPEN_DUE] is not None and row[OPEN_DUE] < as_of
    if row[OPEN_ROUND] > 1:
        if not row[PENDING]:
            return REHANDLED
        return REHANDLING_OVERDUE if late else REHANDLING
    if not row[PENDING]:
        return REPLIED
    return OVERDUE if late else HANDLING


def _with_status(queryset: QuerySet[Proposal], facts: ItemFacts, rehandle_months: int) -> QuerySet[Proposal]:
    return with_open_round(queryset, facts, rehandle_months=rehandle_months).annotate(**pending_annotation(facts))


STATUS_FIELDS = ("assigned_on", "closed_on", "first_replied_on", OPEN_ROUND, OPEN_DUE, PENDING)


def key_supervision(*, year: int, as_of: dt.date, rehandle_months: int) -> list[dict]:
    """The year's 重点督办 items with where each stands and its latest progress and reply by as_of."""
    facts = ItemFacts(as_of)
    notes = ProgressNote.objects.filter(proposal=OuterRef("pk"), noted_on__lte=as_of).order_by("-noted_on", "-id")
    replies = Reply.objects.filter(proposal=OuterRef("pk"), replied_on__lte=as_of, review_status="approved").order_by(
        "-replied_on", "-round", "-id"
    )
    rows = (
        _with_status(suggestions(year=year, as_of=as_of).filter(facts.key_supervision()), facts, rehandle_months)
        .annotate(
            note_on=Subquery(notes.values("noted_on")[:1]),
            note_body=Subquery(notes.values("body")[:1]),
            note_unit=Subquery(notes.values("unit__name")[:1]),
            reply_on=Subquery(replies.values("replied_on")[:1]),
            reply_unit=Subquery(replies.values("unit__name")[:1]),
            reply_category=Subquery(replies.values("category")[:1]),
        )
        .order_by("session__name", "number", "pk")
        .values(
            "pk",
            "session__name",
            "number",
            "title",
            "key_supervisor",
            *STATUS_FIELDS,
            "note_on",
            "note_body",
            "note_unit",
            "reply_on",
            "reply_unit",
            "reply_category",
        )
    )
    return [
        {
            "pk": row["pk"],
            "session": row["session__name"],
            "number": row["number"],
            "title": row["title"],
            "supervisor": row["key_supervisor"],
            "status": status(row, as_of),
            "due": iso(row[OPEN_DUE]) if row["assigned_on"] and row["assigned_on"] <= as_of else None,
            "latest_progress": (
                {"date": iso(row["note_on"]), "unit": row["note_unit"], "body": row["note_body"]}
                if row["note_on"]
                else None
            ),
            "latest_reply": (
                {"date": iso(row["reply_on"]), "unit": row["reply_unit"], "category": row["reply_category"]}
                if row["reply_on"]
                else None
            ),
        }
        for row in rows
    ]


def rehandled(*, year: int, as_of: dt.date, rehandle_months: int) -> list[dict]:
    """The year's items rated 不满意 by as_of: the re-handling's due date, its reply and final rating."""
    facts = ItemFacts(as_of)
    unsatisfied = Evaluation.objects.filter(
        proposal=OuterRef("pk"), result=Rating.UNSATISFIED, evaluated_on__lte=as_of
    ).order_by("-round")
    computed_due = AddMonths(F("unsatisfied_on"), months=rehandle_months)
    rows = (
        _with_status(
            suggestions(year=year, as_of=as_of).filter(Exists(unsatisfied)), facts, rehandle_months=rehandle_months
        )
        .annotate(
            unsatisfied_round=Subquery(unsatisfied.values("round")[:1]),
            unsatisfied_on=Subquery(unsatisfied.values("evaluated_on")[:1]),
        )
        .annotate(
            rehandle_due_as_of=Case(
                When(
                    Q(unsatisfied_round=F("round") - 1),
                    then=Coalesce(F("rehandle_due"), computed_due, output_field=DateField()),
                ),
                default=computed_due,
                output_field=DateField(),
            ),
            rehandle_replied_on=Subquery(
                Reply.objects.filter(
                    proposal=OuterRef("pk"), round__gt=OuterRef("unsatisfied_round"), replied_on__lte=as_of
                )
                .order_by("-replied_on")
                .values("replied_on")[:1]
            ),
        )
        .order_by("unsatisfied_on", "session__name", "number", "pk")
        .values(
            "pk",
            "session__name",
            "number",
            "title",
            *STATUS_FIELDS,
            "unsatisfied_round",
            "unsatisfied_on",
            "rehandle_due_as_of",
            "rehandle_replied_on",
            FINAL_RESULT,
            FINAL_ROUND,
        )
    )
    return [
        {
            "pk": row["pk"],
            "session": row["session__name"],
            "number": row["number"],
            "title": row["title"],
            "unsatisfied_on": iso(row["unsatisfied_on"]),
            "rehandle_due": iso(row["rehandle_due_as_of"]),
            "rehandle_replied_on": iso(row["rehandle_replied_on"]),
            "final_evaluation": (
                RATING_LABELS[row[FINAL_RESULT]] if row[FINAL_ROUND] > row["unsatisfied_round"] else None
            ),
            "status": status(row, as_of),
        }
        for row in rows
    ]


def _pending_as_of(queryset: QuerySet, as_of: dt.date) -> QuerySet:
    """Requests made by the end of as_of and not decided by then."""
    next_day = start_of_next_day(as_of)
    return queryset.filter(requested_at__lt=next_day).filter(
        Q(status=RequestStatus.PENDING) | Q(decided_at__gte=next_day)
    )


def pending_requests(*, as_of: dt.date) -> list[dict]:
    """Adjustment (调整) and extension (延期) requests awaiting the office's decision as of as_of."""
    common = ("requested_at", "reason", "assignment__unit__name", "assignment__proposal__session__name")
    common += ("assignment__proposal__number", "assignment__proposal__title")
    adjustments = _pending_as_of(AdjustmentRequest.objects.all(), as_of).values(*common, "proposed_unit__name")
    extensions = _pending_as_of(ExtensionRequest.objects.all(), as_of).values(*common, "requested_until")
    entries = [("调整", row) for row in adjustments] + [("延期", row) for row in extensions]
    entries.sort(key=lambda e: (e[1]["requested_at"], e[0]))
    return [
        {
            "kind": kind,
            "session": row["assignment__proposal__session__name"],
            "number": row["assignment__proposal__number"],
            "title": row["assignment__proposal__title"],
            "unit": row["assignment__unit__name"],
            "requested_on": iso(timezone.localdate(row["requested_at"])),
            "requested_until": iso(row.get("requested_until")),
            "proposed_unit": row.get("proposed_unit__name"),
            "reason": row["reason"],
        }
        for kind, row in entries
    ]
