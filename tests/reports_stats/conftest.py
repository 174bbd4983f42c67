"""Builders that write report fixtures straight into the tables, the way the services and the ledger do."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from dataclasses import dataclass

import pytest

from deputies.models import Delegation, Deputy, Session
from proposals.choices import HandlingMode, Kind, Role
from proposals.deadlines import add_months
from proposals.models import Assignment, Contact, Evaluation, Proposal, Reply
from proposals.models.assignment import AssignmentState
from proposals.models.proposal import ProposalState
from units.models import Unit

D = dt.date
_numbers = itertools.count(1)


@dataclass
class Rep:
    """A reply: the answering unit (None = every answering unit), round, category, date."""

    on: dt.date
    category: str = "A"
    round: int = 1
    unit: Unit | None = None


@dataclass
class Ev:
    on: dt.date
    result: str = "satisfied"
    round: int = 1


@dataclass
class Item:
    submitted_on: dt.date
    kind: str = Kind.SUGGESTION
    motion_outcome: str = ""
    field: str = "城乡建设"
    mode: str = HandlingMode.SINGLE
    units: list[Unit] = dataclasses.field(default_factory=list)
    co: list[Unit] = dataclasses.field(default_factory=list)
    assigned_on: dt.date | None = None
    reply_due: dt.date | None = None
    extended_to: dt.date | None = None
    first_replied_on: dt.date | None = None
    closed_on: dt.date | None = None
    key_supervision: bool = False
    replies: list[Rep] = dataclasses.field(default_factory=list)
    evaluations: list[Ev] = dataclasses.field(default_factory=list)
    contacts: list[tuple[str, dt.date]] = dataclasses.field(default_factory=list)
    state: str | None = None
    title: str = "关于改善城市交通的建议"
    number: str | None = None


def _state(spec: Item) -> str:
    if spec.state:
        return spec.state
    if spec.closed_on:
        return ProposalState.CLOSED
    last = max(spec.evaluations, key=lambda e: e.round, default=None)
    if last and last.result == "unsatisfied":
        rehandled = any(r.round > last.round for r in spec.replies)
        return ProposalState.REPLIED if rehandled else ProposalState.REHANDLING
    if spec.first_replied_on:
        return ProposalState.REPLIED
    if spec.assigned_on:
        return ProposalState.HANDLING
    return ProposalState.REGISTERED


class Builder:
    def __init__(self):
        self.session = Session.objects.create(name="市十七届人大四次会议", year=2025)
        self.deputy = Deputy.objects.create(name="张代表", delegation=Delegation.objects.create(name="东城区代表团"))
        self._units: dict[str, Unit] = {}

    def unit(self, name: str) -> Unit:
        if name not in self._units:
            self._units[name] = Unit.objects.create(name=name)
        return self._units[name]

    def item(self, spec: Item | None = None, **kw) -> Proposal:
        spec = spec or Item(**kw)
        rehandle_rounds = [e for e in spec.evaluations if e.result == "unsatisfied"]
        p = Proposal(
            state=_state(spec),
            kind=spec.kind,
            session=self.session,
            number=spec.number or f"{next(_numbers):04d}",
            title=spec.title,
            field=spec.field,
            lead_deputy=self.deputy,
            submitted_on=spec.submitted_on,
            motion_outcome=spec.motion_outcome,
            handling_mode=spec.mode if spec.assigned_on else "",
            key_supervision=spec.key_supervision,
            round=1 + len(rehandle_rounds),
            assigned_on=spec.assigned_on,
            reply_due=spec.reply_due or (add_months(spec.assigned_on, 3) if spec.assigned_on else None),
            extended_to=spec.extended_to,
            first_replied_on=spec.first_replied_on,
            latest_replied_on=max((r.on for r in spec.replies), default=None),
            rehandle_due=add_months(rehandle_rounds[-1].on, 1) if rehandle_rounds else None,
            closed_on=spec.closed_on,
        )
        p.save()
        if spec.assigned_on:
            role = Role.SPLIT if spec.mode == HandlingMode.SPLIT else Role.LEAD
            answering = [self._assignment(p, u, role, spec.assigned_on) for u in spec.units]
            for u in spec.co:
                self._assignment(p, u, Role.CO, spec.assigned_on)
            for rep in spec.replies:
                for a in answering:
                    if rep.unit is None or rep.unit == a.unit:
                        Reply.objects.create(
                            proposal=p, assignment=a, unit=a.unit, round=rep.round, category=rep.category,
                            replied_on=rep.on,
                        )  # fmt: skip
        for ev in spec.evaluations:
            Evaluation.objects.create(
                proposal=p, round=ev.round, deputy=self.deputy, attitude=ev.result, result=ev.result,
                reason="不满意理由" if ev.result == "unsatisfied" else "", evaluated_on=ev.on,
            )  # fmt: skip
        for method, on in spec.contacts:
            Contact.objects.create(proposal=p, method=method, contacted_on=on)
        return p

    def _assignment(self, p: Proposal, unit: Unit, role: str, on: dt.date, state=AssignmentState.HANDLING):
        answers = role != Role.CO
        due = p.reply_due if answers else add_months(on, 1)
        extended = p.extended_to if answers else None
        return Assignment.objects.create(
            proposal=p, unit=unit, role=role, state=state, assigned_on=on, sign_due=on + dt.timedelta(days=3),
            adjust_until=on + dt.timedelta(days=14), base_due=due, extended_to=extended, due_on=extended or due,
        )  # fmt: skip


@pytest.fixture
def build(db) -> Builder:
    return Builder()
