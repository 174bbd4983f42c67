"""The ledger export: the contract's columns, one row per item, written as a streaming .xlsx.

``LedgerResource`` (django-import-export) says what each column holds; ``ledger_export`` feeds it the
items in chunks with their related records prefetched (a constant number of queries per chunk) and
streams the rows to XlsxWriter, so a large export does not grow in memory.

Exported: every item that has entered the ledger, i.e. been registered (立案) — drafts, submitted but
not yet registered items (no number yet), withdrawn, rejected and merged items are left out, since
the ledger's columns cannot say so and re-importing them would count them as live items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length
from import_export import resources
from import_export.fields import Field

from ledger import columns as C
from proposals.choices import ContactMethod, HandlingMode, Kind, MotionOutcome, Rating, Role
from proposals.models import Assignment, Proposal, Reply
from proposals.models.assignment import AssignmentState as A
from proposals.models.proposal import ProposalState as S

NOT_IN_LEDGER = (S.DRAFT, S.SUBMITTED, S.WITHDRAWN, S.REJECTED, S.MERGED)
ASSIGNED_STATES = (S.ASSIGNED, S.HANDLING, S.REPLIED, S.REHANDLING, S.CLOSED)
CHUNK = 500
SHEET_NAME = "台账"

_RATING = dict(Rating.choices)
_MODE = dict(HandlingMode.choices)
_OUTCOME = dict(MotionOutcome.choices)
_CONTACT = dict(ContactMethod.choices)
_KIND = {value: label for label, value in C.KINDS.items()}


@dataclass
class ExportItem:
    """An item with its related records grouped the way the columns need them."""

    proposal: Proposal
    assigned: bool
    answering: list[Assignment]
    co: list[Assignment]
    first_reply: Reply | None
    rehandle_reply: Reply | None
    evaluations: dict[int, Any]
    contact: str

    @classmethod
    def of(cls, p: Proposal) -> ExportItem:
        assigned = p.is_suggestion_track and p.state in ASSIGNED_STATES
        live = list(p.assignments.all()) if assigned else []
        replies = sorted(p.replies.all(), key=lambda r: (r.round, r.replied_on, r.pk)) if assigned else []
        first = [r for r in replies if r.round == 1]
        later = [r for r in replies if r.round >= 2]
        methods = {c.method for c in p.contacts.all()} if assigned else set()
        contact = next((m for m in C.CONTACT_PRIORITY if m in methods), "")
        # No contact logged: `无` when the office recorded that there was none, empty when nothing was recorded.
        contact_text = _CONTACT.get(contact, "") or (C.NO_CONTACT if p.no_contact and assigned else "")
        return cls(
            proposal=p,
            assigned=assigned,
            answering=[a for a in live if a.role != Role.CO],
            co=[a for a in live if a.role == Role.CO],
            first_reply=first[-1] if first else None,
            rehandle_reply=later[-1] if later else None,
            evaluations={e.round: e for e in p.evaluations.all()} if assigned else {},
            contact=contact_text,
        )

    @property
    def first_evaluation(self):
        return self.evaluations.get(1)

    @property
    def final_evaluation(self):
        return self.evaluations.get(self.rehandle_reply.round) if self.rehandle_reply else None


def _field(column: str, value) -> Field:
    return Field(column_name=column, dehydrate_method=value)


def _rating(evaluation) -> str:
    return _RATING[evaluation.result] if evaluation else ""


def _handling(value):
    """A column that only an assigned item on the handling track fills."""
    return lambda item: value(item) if item.assigned else None


class LedgerResource(resources.Resource):
    """One ledger row per item, in the contract's column order, with the contract's header texts."""

    session = _field(C.SESSION, lambda i: i.proposal.session.name)
    number = _field(C.NUMBER, lambda i: i.proposal.number or "")
    kind = _field(C.KIND, lambda i: _KIND[i.proposal.kind])
    title = _field(C.TITLE, lambda i: i.proposal.title)
    lead_deputy = _field(C.LEAD_DEPUTY, lambda i: i.proposal.lead_deputy.name)
    delegation = _field(
        C.DELEGATION, lambda i: i.proposal.lead_deputy.delegation.name if i.proposal.lead_deputy.delegation else ""
    )
    co_signers = _field(
        C.CO_SIGNERS,
        lambda i: "、".join(sorted(d.name for d in i.proposal.co_signers.all() if d.pk != i.proposal.lead_deputy_id)),
    )
    submitted_on = _field(C.SUBMITTED_ON, lambda i: i.proposal.submitted_on)
    field = _field(C.FIELD, lambda i: i.proposal.field)
    motion_outcome = _field(
        C.MOTION_OUTCOME,
        lambda i: _OUTCOME.get(i.proposal.motion_outcome, "") if i.proposal.kind == Kind.MOTION else "",
    )
    handling_mode = _field(C.HANDLING_MODE, _handling(lambda i: _MODE.get(i.proposal.handling_mode, "")))
    lead_units = _field(C.LEAD_UNITS, _handling(lambda i: "、".join(a.unit.name for a in i.answering)))
    co_units = _field(C.CO_UNITS, _handling(lambda i: "、".join(a.unit.name for a in i.co)))
    assigned_on = _field(C.ASSIGNED_ON, _handling(lambda i: i.proposal.assigned_on))
    reply_due = _field(C.REPLY_DUE, _handling(lambda i: i.proposal.reply_due))
    extended_to = _field(C.EXTENDED_TO, _handling(lambda i: i.proposal.extended_to))
    replied_on = _field(C.REPLIED_ON, _handling(lambda i: i.proposal.first_replied_on))
    category = _field(C.CATEGORY, _handling(lambda i: i.first_reply.category if i.first_reply else ""))
    contact = _field(C.CONTACT, _handling(lambda i: i.contact))
    first_rating = _field(C.FIRST_RATING, _handling(lambda i: _rating(i.first_evaluation)))
    first_rated_on = _field(
        C.FIRST_RATED_ON, _handling(lambda i: i.first_evaluation.evaluated_on if i.first_evaluation else None)
    )
    rehandle_replied_on = _field(
        C.REHANDLE_REPLIED_ON, _handling(lambda i: i.rehandle_reply.replied_on if i.rehandle_reply else None)
    )
    rehandle_category = _field(
        C.REHANDLE_CATEGORY, _handling(lambda i: i.rehandle_reply.category if i.rehandle_reply else "")
    )
    final_rating = _field(C.FINAL_RATING, _handling(lambda i: _rating(i.final_evaluation)))
    final_rated_on = _field(
        C.FINAL_RATED_ON, _handling(lambda i: i.final_evaluation.evaluated_on if i.final_evaluation else None)
    )
    key_supervision = _field(
        C.KEY_SUPERVISION,
        lambda i: (C.YES if i.proposal.key_supervision else C.NO) if i.proposal.is_suggestion_track else "",
    )
    closed_on = _field(C.CLOSED_ON, _handling(lambda i: i.proposal.closed_on))

    def row(self, proposal: Proposal) -> list[Any]:
        return self.export_resource(ExportItem.of(proposal))


def ledger_queryset(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """The items of ``proposals`` that belong in a ledger, in ledger order (会议, then 编号)."""
    return proposals.exclude(state__in=NOT_IN_LEDGER).order_by("session__name", Length("number"), "number", "pk")


def _items(pks: list[int]) -> Iterator[Proposal]:
    live = Assignment.objects.exclude(state=A.WITHDRAWN).select_related("unit").order_by("pk")
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        batch = (
            Proposal.objects.filter(pk__in=chunk)
            .select_related("session", "lead_deputy__delegation")
            .prefetch_related(
                "co_signers", Prefetch("assignments", queryset=live), "replies", "evaluations", "contacts"
            )
        )
        by_pk = {p.pk: p for p in batch}
        for pk in chunk:
            yield by_pk[pk]


def ledger_export(*, proposals: QuerySet[Proposal], output: BinaryIO | str | Path) -> int:
    """Write the ledger of ``proposals`` (registered items only, see above) as .xlsx; returns the row count."""
    pks = list(ledger_queryset(proposals).values_list("pk", flat=True))
    resource = LedgerResource()
    target = str(output) if isinstance(output, Path) else output
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False})
    try:
        sheet = book.add_worksheet(SHEET_NAME)
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        headers = resource.get_export_headers()
        for column, header in enumerate(headers):
            sheet.set_column(column, column, 24 if header in (C.TITLE, C.SESSION) else 12)
            sheet.write_string(0, column, header, head)
        sheet.freeze_panes(1, 0)
        count = 0
        for count, proposal in enumerate(_items(pks), start=1):
            for column, value in enumerate(resource.row(proposal)):
                if isinstance(value, dt.date):
                    sheet.write_datetime(count, column, dt.datetime.combine(value, dt.time()), day)
                elif value not in (None, ""):
                    sheet.write_string(count, column, str(value))
    finally:
        book.close()
    return count
