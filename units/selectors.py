"""Reads of the unit portal: the inbox tabs with keyset pages, and one assignment's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from common.constants_sql import constant_q
from common.counting import COUNT_CAP, CountOf
from common.ids import parse_id
from common.sql_shapes import QueryShape, fetch_row
from proposals.choices import Rating, RequestStatus, Role
from proposals.models import Assignment, HandlingRules
from proposals.models.assignment import ACTIVE_STATES, HANDLING_TAB, PENDING_TAB, REPLIED_TAB
from proposals.models.assignment import AssignmentState as A
from proposals.selectors import assignment_for_user, proposal_detail_related
from proposals.text_search import text_contains
from units.models import Unit

PAGE_SIZE = 20
CAPPED_COUNTS = ("replied",)
SEARCH_LIMIT = 20

TABS = {
    "pending": "待签收",
    "handling": "办理中",
    "near": "临期",
    "overdue": "超期",
    "replied": "已答复",
}


# The date each tab is ordered (and paged) by; the others by ``due_on``.
SORT_COLUMNS = {"pending": "sign_due", "replied": "replied_on"}


def near_until(*, today: dt.date, near: int) -> dt.date:
    """The last day a deadline counts as near (临期): ``near`` days after today."""
    return today + dt.timedelta(days=near)


def tab_filters(*, today: dt.date, near_end: dt.date) -> dict[str, Q]:
    """Which assignments each inbox tab holds. 临期 and 超期 look at every unfinished item, signed or not;
    临期 runs from today to ``near_end``.

    Each condition matches a partial index on (unit, date, id), so a tab's page and count read only its rows;
    the states are written into the SQL (``constant_q``) so that a prepared statement's plan can use it.
    """
    active = constant_q(Q(state__in=ACTIVE_STATES))
    return {
        "pending": constant_q(PENDING_TAB),
        "handling": constant_q(HANDLING_TAB),
        "near": active & Q(due_on__gte=today, due_on__lte=near_end),
        "overdue": active & Q(due_on__lt=today),
        "replied": constant_q(REPLIED_TAB),
    }


def near_days() -> int:
    return HandlingRules.current().remind_first_days


def _counts_query(*, cap: int, unit_id: int, today: dt.date, near_end: dt.date) -> QuerySet:
    filters = tab_filters(today=today, near_end=near_end)

    def count(key: str, condition: Q) -> CountOf:
        rows = Assignment.objects.filter(condition, unit_id=unit_id).order_by().values("pk")
        return CountOf(rows[: cap + 1] if key in CAPPED_COUNTS else rows)

    return (
        Unit.objects.filter(pk=unit_id)
        .order_by()
        .values(**{key: count(key, condition) for key, condition in filters.items()})
    )


_COUNTS = QueryShape(_counts_query)


def inbox_counts(*, unit: Unit, today: dt.date, near: int) -> dict[str, int]:
    """How many assignments each tab holds: one query of one index-only count per tab. The 已答复 tab counts
    at most ``COUNT_CAP + 1`` (shown as "1000+"), so its cost does not grow with the unit's history. The
    statement is compiled once per process (``QueryShape``)."""
    values = {"unit_id": unit.pk, "today": today, "near_end": near_until(today=today, near=near)}
    row = fetch_row(*_COUNTS.sql(options={"cap": COUNT_CAP}, values=values)) or {}
    return {key: row.get(key) or 0 for key in TABS}


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the last row's sort date and id."""

    day: dt.date
    pk: int

    def encode(self) -> str:
        return f"{self.day:%Y%m%d}-{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        if not raw:
            return None
        try:
            day, pk = raw.split("-", 1)
            number = parse_id(pk)
            return cls(day=dt.datetime.strptime(day, "%Y%m%d").date(), pk=number) if number else None  # noqa: DTZ007
        except ValueError:
            return None


@dataclass(frozen=True)
class TabDeadline:
    """The deadline an inbox tab is about for one row: what it is, its date and the days left to it."""

    label: str
    day: dt.date
    days_left: int
    provisional: bool = False  # counted over provisional calendar days (暂定)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def tab_deadline(assignment: Assignment, *, tab: str, today: dt.date) -> TabDeadline:
    """待签收 is about signing; elsewhere a co-unit's clock is its opinion to the lead unit, and an
    answering unit's is its reply (the re-handling reply in a later round)."""
    if tab == "pending":
        label, day = "签收期限", assignment.sign_due
        return TabDeadline(label, day, (day - today).days, provisional=assignment.sign_due_provisional)
    elif assignment.role == Role.CO:
        label, day = "协办意见期限", assignment.due_on
    elif assignment.round > 1:
        label, day = "重办答复期限", assignment.due_on
    else:
        label, day = "答复期限", assignment.due_on
    return TabDeadline(label=label, day=day, days_left=(day - today).days)


@dataclass
class InboxPage:
    rows: list[Assignment]
    next_cursor: str | None
    is_first: bool


# An inbox row: the whole assignment, and of its item what the row shows (number, title, lead, session).
_ROW_FIELDS = (
    *(field.name for field in Assignment._meta.concrete_fields),
    "proposal__number",
    "proposal__title",
    "proposal__session__name",
    "proposal__lead_deputy__name",
)


def _inbox_queryset(*, unit: Unit, tab: str, today: dt.date, near: int) -> QuerySet[Assignment]:
    condition = tab_filters(today=today, near_end=near_until(today=today, near=near))[tab]
    return (
        Assignment.objects.filter(condition, unit=unit)
        .select_related("proposal", "proposal__session", "proposal__lead_deputy")
        .only(*_ROW_FIELDS)
    )


def inbox_page(
    *, unit: Unit, tab: str, today: dt.date, near: int, cursor: Cursor | None = None, size: int = PAGE_SIZE
) -> InboxPage:
    """One keyset page of a tab: 待签收 by sign deadline, the other unfinished tabs by due date (soonest
    first), answered ones newest first."""
    qs = _inbox_queryset(unit=unit, tab=tab, today=today, near=near)
    column = SORT_COLUMNS.get(tab, "due_on")
    if tab == "replied":
        if cursor is not None:
            qs = qs.filter(Q(**{f"{column}__lt": cursor.day}) | Q(**{column: cursor.day, "pk__lt": cursor.pk}))
        qs = qs.order_by(f"-{column}", "-pk")
    else:
        if cursor is not None:
            qs = qs.filter(Q(**{f"{column}__gt": cursor.day}) | Q(**{column: cursor.day, "pk__gt": cursor.pk}))
        qs = qs.order_by(column, "pk")
    rows = list(qs[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = Cursor(day=getattr(last, column), pk=last.pk).encode()
    for row in rows:
        row.deadline = tab_deadline(row, tab=tab, today=today)
        row.days_left = (row.due_on - today).days
        row.sign_overdue = row.signed_at is None and row.sign_due < today
    return InboxPage(rows=rows, next_cursor=next_cursor, is_first=cursor is None)


def unit_assignment(user, pk: int) -> Assignment:
    """The user's unit's assignment ``pk``; 404 for another unit's, and for one handed back (调整退回)."""
    assignment = assignment_for_user(user, pk)
    if assignment.state == A.WITHDRAWN:
        raise Http404("此件已调整退回，不再由本单位办理")
    return assignment


def assignment_page(*, assignment: Assignment) -> dict:
    """What one assignment's page shows, in a constant number of queries."""
    proposal = assignment.proposal
    related = proposal_detail_related(proposal)
    unit_id = assignment.unit_id
    siblings = [a for a in related["assignments"] if a.pk != assignment.pk and a.state != A.WITHDRAWN]
    opinions_by_assignment = {o.assignment_id: o for o in related["opinions"]}
    for sibling in siblings:
        sibling.opinion_record = opinions_by_assignment.get(sibling.pk)
    previous_rounds = [e for e in related["evaluations"] if e.round < assignment.round]
    unsatisfied = [e for e in previous_rounds if Rating.UNSATISFIED in (e.result, e.attitude)]
    return {
        "related": related,
        "co_signers": related["co_signers"],
        "siblings": siblings,
        "lead_sibling": next((a for a in siblings if a.role == Role.LEAD), None),
        "co_siblings": [a for a in siblings if a.role == Role.CO],
        "my_opinion": next((o for o in related["opinions"] if o.assignment_id == assignment.pk), None),
        "my_replies": [r for r in related["replies"] if r.assignment_id == assignment.pk],
        "my_contacts": [c for c in related["contacts"] if c.unit_id == unit_id],
        "my_progress": [n for n in related["progress_notes"] if n.unit_id == unit_id],
        "my_supervision": [s for s in related["supervision_actions"] if s.unit_id == unit_id],
        "my_extensions": [r for r in related["extension_requests"] if r.assignment_id == assignment.pk],
        "my_adjustments": [r for r in related["adjustment_requests"] if r.assignment_id == assignment.pk],
        "pending_extension": any(
            r.status == RequestStatus.PENDING for r in related["extension_requests"] if r.assignment_id == assignment.pk
        ),
        "evaluations": related["evaluations"],
        "rehandle_reason": unsatisfied[-1] if unsatisfied else None,
    }


def units_matching(query: str) -> Q:
    """Units with ``query`` in any part of their name, short name or aliases (消防 → 市消防救援支队,
    住建局 → 市住房和城乡建设局), ignoring case; answered by the trigram indexes on PostgreSQL."""
    query = query.strip()
    return text_contains("name", query) | text_contains("short_name", query) | text_contains("aliases", query)


def unit_search(*, query: str, exclude: Unit | None = None) -> list[Unit]:
    """Active units matching ``query`` (bounded), e.g. to propose who should handle an item instead."""
    query = query.strip()
    if not query:
        return []
    qs = Unit.objects.filter(units_matching(query), active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.order_by("name", "pk")[:SEARCH_LIMIT])


def supervision_for_assignment(*, assignment: Assignment, pk: int):
    """A supervision step addressed to this assignment's unit on this item, else 404."""
    from proposals.models import SupervisionAction

    action = SupervisionAction.objects.filter(
        pk=pk, unit_id=assignment.unit_id, proposal_id=assignment.proposal_id
    ).first()
    if action is None:
        raise Http404("未找到该督办事项")
    return action


@dataclass(frozen=True)
class Abilities:
    """What the unit may do on its assignment now, and why not when it may not."""

    sign: bool
    adjust: bool
    adjust_closed: str
    extend: bool
    extend_closed: str
    extension_cap: dt.date
    record: bool
    opinion: bool
    reply: bool


def abilities(*, assignment: Assignment, today: dt.date, rules: HandlingRules) -> Abilities:
    from proposals import deadlines
    from proposals.models.proposal import OPEN_HANDLING_STATES

    state = assignment.state
    cap = deadlines.extension_cap(assigned_on=assignment.assigned_on, rules=rules)
    adjust_closed = ""
    if state == A.ADJUSTMENT_REQUESTED:
        adjust_closed = "已提出调整申请，等待代表工作机构审批。"
    elif state not in (A.PENDING_SIGN, A.HANDLING):
        adjust_closed = "此件已答复或正在申请延期，不能再申请调整。"
    elif today > assignment.adjust_until:
        adjust_closed = (
            f"申请调整须在交办后{rules.adjustment_workdays}个工作日内提出，"
            f"已于{assignment.adjust_until:%Y年%m月%d日}截止，现不能再申请调整。确有困难的，请与代表工作机构联系。"
        )
    extend_closed = ""
    if not assignment.answers:
        extend_closed = "协办单位按主办单位的安排办理，不能申请延期；如有困难请与主办单位协商。"
    elif state == A.EXTENSION_REQUESTED:
        extend_closed = "已提出延期申请，等待代表工作机构审批。"
    elif state == A.PENDING_SIGN:
        extend_closed = "请先签收，再申请延期。"
    elif state != A.HANDLING:
        extend_closed = "此件当前不能申请延期。"
    elif assignment.due_on >= cap:
        extend_closed = f"期限已到延期上限（交办后{rules.extension_cap_months}个月，{cap:%Y年%m月%d日}），不能再延期。"
    return Abilities(
        sign=state == A.PENDING_SIGN,
        adjust=not adjust_closed,
        adjust_closed=adjust_closed,
        extend=not extend_closed,
        extend_closed=extend_closed,
        extension_cap=cap,
        record=state in (A.HANDLING, A.EXTENSION_REQUESTED, A.REPLIED, A.OPINION_SENT),
        opinion=assignment.role == Role.CO and state == A.HANDLING,
        reply=assignment.answers and state == A.HANDLING and assignment.proposal.state in OPEN_HANDLING_STATES,
    )


def reply_of_assignment(*, assignment: Assignment, pk: int):
    """One of this assignment's own replies, else 404."""
    reply = (
        assignment.replies.select_related("proposal__session", "proposal__lead_deputy", "unit").filter(pk=pk).first()
    )
    if reply is None:
        raise Http404("未找到该答复函")
    return reply


def opinion_for_assignment(*, assignment: Assignment, pk: int):
    """A co-unit's opinion: the co-unit sees its own, the lead unit sees every co-unit's; else 404."""
    opinions = assignment.proposal.co_opinions.filter(pk=pk)
    if assignment.role != Role.LEAD:
        opinions = opinions.filter(assignment=assignment)
    opinion = opinions.first()
    if opinion is None:
        raise Http404("未找到该协办意见")
    return opinion


@dataclass
class FollowUpPage:
    rows: list
    next_cursor: str | None
    is_first: bool


def followups_page(*, unit: Unit | None, cursor: Cursor | None = None, size: int = PAGE_SIZE) -> FollowUpPage:
    """跟踪落实: open promises of approved replies (of ``unit``, or every unit's), by 落实时限 (keyset pages).

    They stay here after the deputy's rating and the item's closing, until the unit reports them.
    """
    from proposals.choices import FollowUpStatus, ReviewStatus
    from proposals.models import PlannedAction

    qs = PlannedAction.objects.filter(status=FollowUpStatus.OPEN, reply__review_status=ReviewStatus.APPROVED)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if cursor is not None:
        qs = qs.filter(Q(due_on__gt=cursor.day) | Q(due_on=cursor.day, pk__gt=cursor.pk))
    qs = qs.select_related("unit", "reply", "proposal", "proposal__session", "proposal__lead_deputy")
    rows = list(qs.order_by("due_on", "pk")[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = Cursor(day=rows[-1].due_on, pk=rows[-1].pk).encode()
    return FollowUpPage(rows=rows, next_cursor=next_cursor, is_first=cursor is None)


def unit_followup(user, pk: int):
    """One open or reported promise of the user's unit; 404 for another unit's."""
    from accounts.roles import unit_of
    from proposals.models import PlannedAction

    unit = unit_of(user)
    action = PlannedAction.objects.select_related("reply", "proposal").filter(pk=pk, unit=unit).first()
    if unit is None or action is None:
        raise Http404("未找到该计划落实事项")
    return action
