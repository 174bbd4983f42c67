"""The workbench's filtered list of items, shared by the list page and its Excel export.

One function turns the filter values into a queryset, so the page and the download can never
disagree about which items a filter means. Due dates are the stored columns (DESIGN §4): the
effective due date is the re-handling deadline during 重新办理, else the extension, else the reply due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from deputies.models import Deputy
from proposals.choices import Rating
from proposals.models import Assignment, Evaluation, Proposal
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import OPEN_HANDLING_STATES
from proposals.models.proposal import ProposalState as S
from proposals.text_search import any_of, text_contains
from reports.statistics.overdue import overdue_today, stored_due

NEAR_DUE_DAYS = 15

SORTS = {
    "number": ("number",),
    "submitted": ("submitted_on",),
    "due": ("due_date",),
    "state": ("state",),
}
# Columns never empty on a listed item (submitting sets the date) keep the database's own null order,
# so the default sort walks the ``submitted_on`` index (forwards or backwards) instead of sorting every row.
NOT_NULL_SORTS = {"submitted", "state"}
DEFAULT_SORT = "-submitted"


@dataclass(frozen=True)
class ListFilters:
    """What the office asked the list for. Empty values mean "no filter"."""

    session_id: int | None = None
    kind: str = ""
    state: str = ""
    unit_id: int | None = None
    field: str = ""
    delegation_id: int | None = None
    key_supervision: bool = False
    near_due: bool = False
    overdue: bool = False
    unsatisfied: bool = False
    q: str = ""
    sort: str = DEFAULT_SORT


def due_date_expression():
    """The effective due date of an item as SQL (same rule as ``Proposal.effective_due``)."""
    return stored_due()


def filtered_proposals(filters: ListFilters, *, today: dt.date, near_days: int = NEAR_DUE_DAYS) -> QuerySet[Proposal]:
    """Every registered-or-later item (deputies' unsent drafts are not the office's) matching ``filters``."""
    qs = Proposal.objects.exclude(state=S.DRAFT).annotate(due_date=due_date_expression())
    if filters.session_id:
        qs = qs.filter(session_id=filters.session_id)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.delegation_id:
        qs = qs.filter(lead_deputy__delegation_id=filters.delegation_id)
    if filters.unit_id:
        qs = qs.filter(
            Exists(
                Assignment.objects.filter(proposal=OuterRef("pk"), unit_id=filters.unit_id).exclude(state=A.WITHDRAWN)
            )
        )
    if filters.key_supervision:
        qs = qs.filter(key_supervision=True)
    if filters.near_due:
        qs = qs.filter(
            state__in=OPEN_HANDLING_STATES, due_date__gte=today, due_date__lte=today + dt.timedelta(days=near_days)
        )
    if filters.overdue:
        # The statistics module's definition of overdue, the one the dashboard and the reports count by.
        qs = qs.filter(overdue_today(today=today))
    if filters.unsatisfied:
        unsatisfied = Q(result=Rating.UNSATISFIED) | Q(attitude=Rating.UNSATISFIED)
        qs = qs.filter(Exists(Evaluation.objects.filter(unsatisfied, proposal=OuterRef("pk"))))
    if filters.q:
        qs = qs.filter(_search(filters.q))
    return qs.order_by(*_ordering(filters.sort))


def _search(text: str) -> Q:
    """Items whose number is ``text`` or whose title, lead deputy or a co-signer's name contains it (any case).

    Each arm is one PostgreSQL index (see ``proposals.text_search``): the deputies are found first, by name,
    and the item ids they lead or co-signed go in as ``= ANY(ARRAY(…))``, so the planner can either combine
    the four arms with ``BitmapOr`` or walk the sort order and stop at a page, whichever is cheaper.
    """
    text = text.strip()
    if not text:
        return Q()
    named = Deputy.objects.filter(text_contains("name", text)).values("pk")
    co_signed = Deputy.cosigned_proposals.through.objects.filter(text_contains("deputy__name", text))
    return (
        Q(number__iexact=text)
        | text_contains("title", text)
        | any_of("lead_deputy", named)
        | any_of("pk", co_signed.values("proposal_id"))
    )


def _ordering(sort: str) -> list:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    columns = SORTS.get(key)
    if columns is None:
        return _ordering(DEFAULT_SORT)
    if key in NOT_NULL_SORTS:
        ordering: list = [f"-{column}" if descending else column for column in columns]
    else:
        ordering = [
            F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True) for column in columns
        ]
    ordering.append("-id" if descending else "id")
    return ordering


def with_list_related(qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """What one row of the list shows: session, lead deputy and delegation, the live units."""
    live = Assignment.objects.exclude(state=A.WITHDRAWN).select_related("unit").order_by("role", "id")
    return qs.select_related("session", "lead_deputy", "lead_deputy__delegation").prefetch_related(
        Prefetch("assignments", queryset=live, to_attr="live_assignments")
    )
