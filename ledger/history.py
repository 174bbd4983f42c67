"""What a checked ledger row means on the platform: the item's state and dates, and each unit's share.

Pure functions: no database. The statistics read exactly these stored fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ledger import columns as C
from ledger.rows import LedgerRow
from proposals.choices import HandlingMode, MotionOutcome, Rating, Role
from proposals.deadlines import add_months
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S

_MOTION_STATES = {
    MotionOutcome.TO_AGENDA: S.ON_AGENDA,
    MotionOutcome.NOT_TO_AGENDA: S.NOT_ON_AGENDA,
    "": S.REGISTERED,
}


@dataclass(frozen=True)
class ItemHistory:
    state: str
    round: int = 1
    reply_due: dt.date | None = None
    rehandle_due: dt.date | None = None
    latest_replied_on: dt.date | None = None
    closed_unevaluated: bool = False


@dataclass(frozen=True)
class UnitShare:
    unit: str
    role: str
    round: int
    state: str
    base_due: dt.date
    extended_to: dt.date | None
    due_on: dt.date
    replied_on: dt.date | None

    @property
    def answers(self) -> bool:
        return self.role != Role.CO


def item_history(row: LedgerRow) -> ItemHistory:
    """The state the row's columns imply (never a draft).

    - a 议案 not converted: 列入议程 / 不列入议程 / registered while pending;
    - no 交办日期: registered; assigned and no reply: handling; replied: replied;
    - 首次评价 不满意 without 重办答复日期: re-handling (round 2); a re-handled reply: replied (round 2);
    - 最终评价 不满意 and not closed: re-handling again (round 3), as the platform would after a second 不满意;
    - 办结日期: closed (marked 未表态 when the closing round has no evaluation).
    """
    if not row.on_handling_track:
        return ItemHistory(state=_MOTION_STATES[row.motion_outcome])
    if row.assigned_on is None:
        return ItemHistory(state=S.REGISTERED)
    reply_due = row.reply_due or add_months(row.assigned_on, C.REPLY_MONTHS)
    if row.replied_on is None:
        return ItemHistory(state=S.HANDLING, reply_due=reply_due)
    latest = row.rehandle_replied_on or row.replied_on
    if row.first_rating != Rating.UNSATISFIED:
        if row.closed_on:
            return ItemHistory(
                state=S.CLOSED,
                reply_due=reply_due,
                latest_replied_on=latest,
                closed_unevaluated=not row.first_rating,
            )
        return ItemHistory(state=S.REPLIED, reply_due=reply_due, latest_replied_on=latest)
    rehandle_due = add_months(row.first_rated_on, C.REHANDLE_MONTHS)
    if row.rehandle_replied_on is None:
        return ItemHistory(
            state=S.REHANDLING, round=2, reply_due=reply_due, rehandle_due=rehandle_due, latest_replied_on=latest
        )
    if row.closed_on:
        return ItemHistory(
            state=S.CLOSED,
            round=2,
            reply_due=reply_due,
            rehandle_due=rehandle_due,
            latest_replied_on=latest,
            closed_unevaluated=not row.final_rating,
        )
    if row.final_rating == Rating.UNSATISFIED:
        return ItemHistory(
            state=S.REHANDLING,
            round=3,
            reply_due=reply_due,
            rehandle_due=add_months(row.final_rated_on, C.REHANDLE_MONTHS),
            latest_replied_on=latest,
        )
    return ItemHistory(
        state=S.REPLIED, round=2, reply_due=reply_due, rehandle_due=rehandle_due, latest_replied_on=latest
    )


def unit_roles(row: LedgerRow) -> list[tuple[str, str]]:
    if row.handling_mode == HandlingMode.SPLIT:
        return [(name, Role.SPLIT) for name in row.lead_units]
    return [(row.lead_units[0], Role.LEAD)] + [(name, Role.CO) for name in row.co_units]


def unit_shares(row: LedgerRow, history: ItemHistory) -> list[UnitShare]:
    """One share per unit: answering units carry the item's clock and replies; co-units their opinion."""
    if row.assigned_on is None or not row.on_handling_track:
        return []
    shares = []
    for name, role in unit_roles(row):
        if role == Role.CO:
            base_due = add_months(row.assigned_on, C.CO_OPINION_MONTHS)
            replied_on = row.replied_on
            shares.append(
                UnitShare(
                    unit=name,
                    role=role,
                    round=1,
                    state=A.OPINION_SENT if replied_on else A.HANDLING,
                    base_due=base_due,
                    extended_to=None,
                    due_on=base_due,
                    replied_on=replied_on,
                )
            )
            continue
        base_due = history.reply_due
        if history.round == 1:
            due_on, replied_on = row.extended_to or base_due, row.replied_on
        elif history.round == 2:
            due_on, replied_on = history.rehandle_due, row.rehandle_replied_on
        else:
            due_on, replied_on = history.rehandle_due, None
        shares.append(
            UnitShare(
                unit=name,
                role=role,
                round=history.round,
                state=A.REPLIED if replied_on else A.HANDLING,
                base_due=base_due,
                extended_to=row.extended_to,
                due_on=due_on,
                replied_on=replied_on,
            )
        )
    return shares
