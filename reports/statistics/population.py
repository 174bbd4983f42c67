"""Which items a report counts and what is true of each of them as of the end of a day, as SQL.

Every figure of the reports is built from the conditions and annotations here, so the dashboard, the
JSON, the PDF and the Excel report agree. ``ItemFacts`` works on a ``Proposal`` queryset (``path=""``)
or on a queryset of rows that point to a proposal (``path="proposal__"``, e.g. ``Assignment``): the
same definitions then count per unit.

Anything dated after ``as_of`` is treated as not having happened yet: assignments (交办日期), replies,
evaluations, contacts, closing, approved extensions (by their approval time), hand-backs of units.

Where the database keeps each item's latest records (``reports.recorded_facts``), a fact is read from
that row when the row shows it already held on ``as_of``, and looked up in the records only when the
item's latest record of that kind is dated after ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from proposals.choices import FACE_TO_FACE_METHODS, Kind, MotionOutcome, Rating, RequestStatus, ReviewStatus, Role
from proposals.models import Contact, Evaluation, ExtensionRequest, Reply
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import EXCLUDED_STATES
from reports.recorded_facts import recorded_facts_in_use
from reports.statistics.sql import AddMonths, start_of_next_day

ANSWERING_ROLES = (Role.LEAD, Role.SPLIT)
GOOD_RATINGS = (Rating.SATISFIED, Rating.BASIC)
DEFAULT_REPLY_MONTHS = 3  # the contract's fallback: 交办日期 + 3 calendar months

# Names of the annotations ``ItemFacts`` adds; the figures' filters refer to them.
DUE = "stat_due"
FIRST_RESULT = "stat_first_result"
FINAL_RESULT = "stat_final_result"
FINAL_ROUND = "stat_final_round"
FINAL_ON = "stat_final_on"
CATEGORY = "stat_category"
FACE_TO_FACE = "stat_face_to_face"


def year_bounds(year: int, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The submission dates a report for ``year`` as of ``as_of`` covers (the end may precede the start)."""
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)


def assignment_live(as_of: dt.date, path: str = "") -> Q:
    """An assignment (at ``path``) made on or before ``as_of`` and not handed back by then."""
    return Q(**{f"{path}assigned_on__lte": as_of}) & (
        ~Q(**{f"{path}state": AssignmentState.WITHDRAWN}) | Q(**{f"{path}withdrawn_on__gt": as_of})
    )


@dataclass(frozen=True)
class ItemFacts:
    """The contract's facts about an item as of the end of ``as_of``.

    ``path`` leads from the queried model to the proposal (``""`` or ``"proposal__"``).
    """

    as_of: dt.date
    path: str = ""

    def field(self, name: str) -> str:
        return f"{self.path}{name}"

    def _ref(self) -> OuterRef:
        return OuterRef(self.field("pk")) if self.path else OuterRef("pk")

    def _kept(self, column: str) -> str:
        """The path to a column of the item's kept latest records (``RecordedFacts``)."""
        return self.field(f"recorded_facts__{column}")

    def _kept_or_looked_up(self, value: str, on: str, lookup, output_field):
        """The kept ``value`` when the latest record's date ``on`` is on or before as_of; null when the item
        has no such record; else ``lookup`` (the item's records as of that day)."""
        return Case(
            When(Q(**{f"{self._kept(on)}__lte": self.as_of}), then=F(self._kept(value))),
            When(Q(**{f"{self._kept(on)}__isnull": True}), then=Value(None)),
            default=lookup,
            output_field=output_field,
        )

    # --- membership -----------------------------------------------------------------------
    def suggestion_track(self) -> Q:
        """S: 建议, and 议案 whose outcome is 转为建议."""
        return Q(**{self.field("kind"): Kind.SUGGESTION}) | Q(
            **{self.field("kind"): Kind.MOTION, self.field("motion_outcome"): MotionOutcome.CONVERTED}
        )

    def motion(self) -> Q:
        """M: 议案 not converted."""
        return Q(**{self.field("kind"): Kind.MOTION}) & ~Q(**{self.field("motion_outcome"): MotionOutcome.CONVERTED})

    def population(self, year: int) -> Q:
        """Submitted in ``year`` and on or before as_of; not draft, rejected, merged or withdrawn."""
        start, end = year_bounds(year, self.as_of)
        return Q(**{self.field("submitted_on__gte"): start, self.field("submitted_on__lte"): end}) & ~Q(
            **{self.field("state__in"): EXCLUDED_STATES}
        )

    # --- plain dated conditions --------------------------------------------------------------
    def assigned(self) -> Q:
        return Q(**{self.field("assigned_on__lte"): self.as_of})

    def replied(self) -> Q:
        """Assigned, with a first-round reply (the last answering unit's, for 分办) on or before as_of."""
        return self.assigned() & Q(**{self.field("first_replied_on__lte"): self.as_of})

    def not_replied(self) -> Q:
        f = self.field
        return Q(**{f("first_replied_on__isnull"): True}) | Q(**{f("first_replied_on__gt"): self.as_of})

    def replied_on_time(self) -> Q:
        """Needs the ``DUE`` annotation."""
        return self.replied() & Q(**{self.field("first_replied_on__lte"): F(DUE)})

    def due_or_replied(self) -> Q:
        """Needs the ``DUE`` annotation."""
        replied = Q(**{self.field("first_replied_on__lte"): self.as_of})
        return self.assigned() & (replied | Q(**{f"{DUE}__lt": self.as_of}))

    def overdue_open(self) -> Q:
        """Assigned, no first-round reply by as_of, due before as_of. Needs the ``DUE`` annotation."""
        return self.assigned() & self.not_replied() & Q(**{f"{DUE}__lt": self.as_of})

    def closed(self) -> Q:
        return Q(**{self.field("closed_on__lte"): self.as_of})

    def key_supervision(self) -> Q:
        return Q(**{self.field("key_supervision"): True})

    # --- annotations ---------------------------------------------------------------------------
    def due(self):
        """due(s): the approved extension, else the stored reply due date, else 交办日期 + 3 calendar months.

        The stored 延期至 counts unless an extension of the item was approved after as_of; then the latest
        extension approved by as_of counts (or none). Extensions imported from a ledger carry no approval
        record and always count, like the other undated columns of the ledger.
        """
        approved = ExtensionRequest.objects.filter(
            assignment__proposal=self._ref(),
            assignment__role__in=ANSWERING_ROLES,
            status=RequestStatus.APPROVED,
        )
        next_day = start_of_next_day(self.as_of)
        if recorded_facts_in_use():
            approved_later = Q(**{f"{self._kept('extension_decided_at')}__gte": next_day})
        else:
            approved_later = Exists(approved.filter(decided_at__gte=next_day))
        extended_as_of = Case(
            When(
                approved_later,
                then=Subquery(
                    approved.filter(decided_at__lt=next_day, approved_until__isnull=False)
                    .order_by("-approved_until")
                    .values("approved_until")[:1]
                ),
            ),
            default=F(self.field("extended_to")),
            output_field=DateField(),
        )
        return Coalesce(
            extended_as_of,
            F(self.field("reply_due")),
            AddMonths(F(self.field("assigned_on")), months=DEFAULT_REPLY_MONTHS),
            output_field=DateField(),
        )

    def _evaluations(self):
        return Evaluation.objects.filter(proposal=self._ref(), evaluated_on__lte=self.as_of)

    def first_result(self):
        """The rating of the round-1 evaluation dated on or before as_of, or null."""
        if recorded_facts_in_use():  # one evaluation per round: the kept one, if dated by then
            return Case(
                When(Q(**{f"{self._kept('first_on')}__lte": self.as_of}), then=F(self._kept("first_result"))),
                default=Value(None),
                output_field=CharField(),
            )
        return Subquery(self._evaluations().filter(round=1).order_by().values("result")[:1])

    def _final(self, column: str):
        lookup = Subquery(self._evaluations().order_by("-round").values(column)[:1])
        if not recorded_facts_in_use():
            return lookup
        # The latest round overall is the latest by as_of when it is dated by then.
        kept, output_field = {
            "result": ("final_result", CharField()),
            "round": ("final_round", IntegerField()),
            "evaluated_on": ("final_on", DateField()),
        }[column]
        return self._kept_or_looked_up(kept, "final_on", lookup, output_field)

    def final_result(self):
        """The rating of the latest-round evaluation dated on or before as_of, or null."""
        return self._final("result")

    def category(self):
        """The category of the latest reply of record dated on or before as_of (by date, then round, then id)."""
        replies = Reply.objects.filter(
            proposal=self._ref(), replied_on__lte=self.as_of, review_status=ReviewStatus.APPROVED
        )
        lookup = Subquery(replies.order_by("-replied_on", "-round", "-id").values("category")[:1])
        if not recorded_facts_in_use():
            return lookup
        return self._kept_or_looked_up("record_category", "record_on", lookup, CharField())

    def face_to_face(self):
        """A contact by 面谈, 座谈会, 上门 or 视察调研 dated on or before as_of."""
        if recorded_facts_in_use():  # the first such contact, if dated by then
            return Case(
                When(Q(**{f"{self._kept('face_to_face_on')}__lte": self.as_of}), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        return Exists(
            Contact.objects.filter(proposal=self._ref(), method__in=FACE_TO_FACE_METHODS, contacted_on__lte=self.as_of)
        )

    def annotations(self, *names: str) -> dict:
        builders = {
            DUE: self.due,
            FIRST_RESULT: self.first_result,
            FINAL_RESULT: self.final_result,
            FINAL_ROUND: lambda: self._final("round"),
            FINAL_ON: lambda: self._final("evaluated_on"),
            CATEGORY: self.category,
            FACE_TO_FACE: self.face_to_face,
        }
        return {name: builders[name]() for name in names}


# --- the open round, for the supervision lists -----------------------------------------------------
OPEN_ROUND = "stat_open_round"
OPEN_DUE = "stat_open_due"


def open_round() -> dict:
    """The round being handled as of as_of: the next one after a 不满意 evaluation (the latest by as_of).

    Needs the ``FINAL_RESULT`` and ``FINAL_ROUND`` annotations.
    """
    return {
        OPEN_ROUND: Case(
            When(Q(**{FINAL_RESULT: Rating.UNSATISFIED}), then=F(FINAL_ROUND) + 1),
            default=Value(1),
            output_field=IntegerField(),
        )
    }


def open_due(facts: ItemFacts, *, rehandle_months: int) -> dict:
    """The due date of the round being handled. Needs ``DUE``, ``FINAL_ON`` and ``OPEN_ROUND``.

    Round 1 is due(s); a re-handling round is due ``rehandle_months`` after the 不满意 evaluation, the
    stored 重办期限 being used for the item's current round.
    """
    computed = AddMonths(F(FINAL_ON), months=rehandle_months)
    rehandle_due = Case(
        When(
            Q(**{OPEN_ROUND: F(facts.field("round"))}),
            then=Coalesce(F(facts.field("rehandle_due")), computed, output_field=DateField()),
        ),
        default=computed,
        output_field=DateField(),
    )
    return {
        OPEN_DUE: Case(
            When(Q(**{f"{OPEN_ROUND}__gt": 1}), then=rehandle_due),
            default=F(DUE),
            output_field=DateField(),
        )
    }
