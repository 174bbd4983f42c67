"""Writing a checked ledger: every record created in bulk, in the caller's transaction.

Imported history is written as it happened, not replayed through the transitions: states are set in
the constructor (the fields are protected) and every table is filled with ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_fsm_log.models import StateLog

from deputies.models import Delegation, Deputy, Session
from ledger.history import ItemHistory, item_history, unit_shares
from ledger.plan import Plan
from ledger.rows import LedgerRow
from proposals.choices import Rating
from proposals.deadlines import WorkCalendar, add_months
from proposals.errors import CalendarMissing
from proposals.models import Assignment, Contact, Evaluation, HandlingRules, Proposal, Reply
from proposals.models.proposal import ProposalState as S
from reports.recorded_facts import recorded_facts_deferred
from units.models import Unit

BATCH = 1000
SIGNED_AT = dt.time(9, 0)
SIGN_TZ = ZoneInfo("Asia/Shanghai")
AUDIT_TRANSITION = "ledger_import"
UNSATISFIED_REASON = "台账导入"


class _Windows:
    """签收 and 申请调整 windows: working days when the year's calendar is loaded, else calendar days."""

    def __init__(self, *, rules: HandlingRules, years: set[int]) -> None:
        self.rules = rules
        self.calendar = WorkCalendar.load(years=sorted(years | {y + 1 for y in years}))

    def _after(self, on: dt.date, workdays: int, fallback_days: int) -> dt.date:
        try:
            return self.calendar.add_workdays(on, workdays)
        except CalendarMissing:
            return on + dt.timedelta(days=fallback_days)

    def provisional(self, on: dt.date, until: dt.date) -> bool:
        """Whether a window from ``on`` to ``until`` was counted over provisional calendar days (暂定)."""
        return self.calendar.provisional_between(on, until)

    def sign_due(self, on: dt.date) -> dt.date:
        return self._after(on, self.rules.sign_workdays, self.rules.sign_workdays)

    def adjust_until(self, on: dt.date) -> dt.date:
        return self._after(on, self.rules.adjustment_workdays, self.rules.adjustment_workdays * 7 // 5)


def write_ledger(*, rows: list[LedgerRow], plan: Plan, by, filename: str, today: dt.date) -> list[Proposal]:
    """Create the rows' items with their assignments, replies, evaluations, contacts and audit entries."""
    Session.objects.bulk_create(plan.new_sessions, batch_size=BATCH)
    Delegation.objects.bulk_create(plan.new_delegations, batch_size=BATCH)
    Deputy.objects.bulk_create(plan.new_deputies, batch_size=BATCH)
    Unit.objects.bulk_create(plan.new_units, batch_size=BATCH)

    rules = HandlingRules.current()
    histories = [item_history(row) for row in rows]
    proposals = [
        _proposal(row, history, plan=plan, by=by, rules=rules, today=today)
        for row, history in zip(rows, histories, strict=True)
    ]
    Proposal.objects.bulk_create(proposals, batch_size=BATCH)

    Through = Proposal.co_signers.through
    Through.objects.bulk_create(
        [
            Through(proposal_id=proposal.pk, deputy_id=plan.deputies[key].pk)
            for row, proposal in zip(rows, proposals, strict=True)
            for key in plan.co_signers_of.get(row.row, [])
        ],
        batch_size=BATCH,
    )

    windows = _Windows(rules=rules, years={row.assigned_on.year for row in rows if row.assigned_on})
    shares_of = [unit_shares(row, history) for row, history in zip(rows, histories, strict=True)]
    assignments_of = [
        [_assignment(proposal, share, row=row, plan=plan, windows=windows) for share in shares]
        for row, proposal, shares in zip(rows, proposals, shares_of, strict=True)
    ]
    Assignment.objects.bulk_create([a for group in assignments_of for a in group], batch_size=BATCH)

    replies, evaluations, contacts = [], [], []
    for row, proposal, shares, assignments in zip(rows, proposals, shares_of, assignments_of, strict=True):
        replies += _replies(row, proposal, shares, assignments, by=by)
        evaluations += _evaluations(row, proposal)
        if row.contact_method and assignments:
            contacts.append(
                Contact(
                    proposal=proposal,
                    unit_id=assignments[0].unit_id,
                    method=row.contact_method,
                    contacted_on=row.replied_on or row.assigned_on,
                    created_by=by,
                )
            )
    # The items' kept latest records are refreshed once for the whole ledger, not per batch.
    with recorded_facts_deferred(proposal_ids=[proposal.pk for proposal in proposals]):
        Reply.objects.bulk_create(replies, batch_size=BATCH)
        Evaluation.objects.bulk_create(evaluations, batch_size=BATCH)
        Contact.objects.bulk_create(contacts, batch_size=BATCH)

    content_type = ContentType.objects.get_for_model(Proposal)
    now = timezone.now()
    StateLog.objects.bulk_create(
        [
            StateLog(
                content_type=content_type,
                object_id=proposal.pk,
                transition=AUDIT_TRANSITION,
                source_state=None,
                state=proposal.state,
                by=by,
                description=f"台账导入：{filename} 第{row.row}行",
                timestamp=now,
            )
            for row, proposal in zip(rows, proposals, strict=True)
        ],
        batch_size=BATCH,
    )
    return proposals


def _proposal(row: LedgerRow, history: ItemHistory, *, plan: Plan, by, rules, today: dt.date) -> Proposal:
    evaluation_due = None
    if history.state == S.REPLIED:
        # Only a window still open: a lapsed one is left for the office to close, not closed by the sweep today.
        due = add_months(history.latest_replied_on, rules.evaluation_months)
        evaluation_due = due if due >= today else None
    return Proposal(
        state=history.state,
        kind=row.kind,
        session=plan.sessions[row.session],
        number=row.number,
        title=row.title,
        field=row.field,
        lead_deputy=plan.deputies[plan.lead_of[row.row]],
        submitted_on=row.submitted_on,
        motion_outcome=row.motion_outcome,
        handling_mode=row.handling_mode if row.assigned_on else "",
        key_supervision=row.key_supervision,
        no_contact=row.no_contact and row.assigned_on is not None,
        round=history.round,
        assigned_on=row.assigned_on,
        reply_due=history.reply_due,
        extended_to=row.extended_to,
        first_replied_on=row.replied_on,
        latest_replied_on=history.latest_replied_on,
        rehandle_due=history.rehandle_due,
        evaluation_due=evaluation_due,
        closed_on=row.closed_on,
        closed_unevaluated=history.closed_unevaluated,
        created_by=by,
    )


def _assignment(proposal: Proposal, share, *, row: LedgerRow, plan: Plan, windows: _Windows) -> Assignment:
    on = row.assigned_on
    sign_due, adjust_until = windows.sign_due(on), windows.adjust_until(on)
    return Assignment(
        state=share.state,
        proposal=proposal,
        unit=plan.units[share.unit],
        role=share.role,
        round=share.round,
        assigned_on=on,
        sign_due=sign_due,
        adjust_until=adjust_until,
        sign_due_provisional=windows.provisional(on, sign_due),
        adjust_until_provisional=windows.provisional(on, adjust_until),
        base_due=share.base_due,
        extended_to=share.extended_to,
        due_on=share.due_on,
        signed_at=dt.datetime.combine(on, SIGNED_AT, tzinfo=SIGN_TZ),
        replied_on=share.replied_on,
    )


def _replies(row: LedgerRow, proposal: Proposal, shares, assignments, *, by) -> list[Reply]:
    rounds = [(1, row.replied_on, row.category), (2, row.rehandle_replied_on, row.rehandle_category)]
    return [
        Reply(
            proposal=proposal,
            assignment=assignment,
            unit_id=assignment.unit_id,
            round=number,
            category=category,
            replied_on=replied_on,
            created_by=by,
        )
        for number, replied_on, category in rounds
        if replied_on
        for share, assignment in zip(shares, assignments, strict=True)
        if share.answers
    ]


def _evaluations(row: LedgerRow, proposal: Proposal) -> list[Evaluation]:
    rounds = [(1, row.first_rating, row.first_rated_on), (2, row.final_rating, row.final_rated_on)]
    return [
        Evaluation(
            proposal=proposal,
            round=number,
            deputy_id=proposal.lead_deputy.pk,
            attitude=rating,
            result=rating,
            reason=UNSATISFIED_REASON if rating == Rating.UNSATISFIED else "",
            evaluated_on=on,
        )
        for number, rating, on in rounds
        if rating
    ]
