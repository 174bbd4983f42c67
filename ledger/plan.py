"""Matching the names of a whole ledger against the database in bulk: sessions, deputies, units, numbers.

A constant number of queries for the whole file (lookups are chunked only beyond ``LOOKUP_CHUNK`` names).
Nothing is written here: the plan lists what exists and what the import would create.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from deputies.models import Delegation, Deputy, Session
from ledger import columns as C
from ledger.report import LedgerError
from ledger.rows import LedgerRow
from proposals.models import Proposal
from units.models import Unit

LOOKUP_CHUNK = 5000
_YEAR_IN_NAME = re.compile(r"((?:19|20)\d{2})年")
RECESS_WORD = "闭会期间"

DeputyKey = tuple[str, str]  # (name, delegation name or "")


@dataclass
class Plan:
    sessions: dict[str, Session] = field(default_factory=dict)
    new_sessions: list[Session] = field(default_factory=list)
    delegations: dict[str, Delegation] = field(default_factory=dict)
    new_delegations: list[Delegation] = field(default_factory=list)
    deputies: dict[DeputyKey, Deputy] = field(default_factory=dict)
    new_deputies: list[Deputy] = field(default_factory=list)
    lead_of: dict[int, DeputyKey] = field(default_factory=dict)
    co_signers_of: dict[int, list[DeputyKey]] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    new_units: list[Unit] = field(default_factory=list)
    errors: list[LedgerError] = field(default_factory=list)


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    values = sorted(set(values))
    for start in range(0, len(values), LOOKUP_CHUNK):
        yield values[start : start + LOOKUP_CHUNK]


def make_plan(rows: list[LedgerRow]) -> Plan:
    plan = Plan()
    _plan_sessions(plan, rows)
    _check_numbers(plan, rows)
    _plan_deputies(plan, rows)
    _plan_units(plan, rows)
    return plan


def session_year(name: str, submitted: list) -> int | None:
    """The year in a name such as ``2025年闭会期间``, else the year of the earliest 提出日期."""
    match = _YEAR_IN_NAME.search(name)
    if match:
        return int(match.group(1))
    days = [day for day in submitted if day]
    return min(days).year if days else None


def _plan_sessions(plan: Plan, rows: list[LedgerRow]) -> None:
    submitted: dict[str, list] = defaultdict(list)
    for row in rows:
        if row.session:
            submitted[row.session].append(row.submitted_on)
    for chunk in _chunks(submitted):
        plan.sessions.update({s.name: s for s in Session.objects.filter(name__in=chunk)})
    for name, days in submitted.items():  # first appearance order
        if name not in plan.sessions:
            kind = Session.Kind.RECESS if RECESS_WORD in name else Session.Kind.CONGRESS
            session = Session(name=name, year=session_year(name, days) or 0, kind=kind)
            plan.sessions[name] = session
            plan.new_sessions.append(session)


def _check_numbers(plan: Plan, rows: list[LedgerRow]) -> None:
    """The same (会议, 编号) twice in the file, or already in the database."""
    existing_ids = {s.pk: s.name for s in plan.sessions.values() if s.pk}
    taken: set[tuple[str, str]] = set()
    if existing_ids:
        taken = {
            (existing_ids[session_id], number)
            for session_id, number in Proposal.objects.filter(
                session_id__in=list(existing_ids), number__isnull=False
            ).values_list("session_id", "number")
        }
    first_row: dict[tuple[str, str], int] = {}
    for row in rows:
        if not (row.session and row.number):
            continue
        key = (row.session, row.number)
        if key in first_row:
            reason = f"与第{first_row[key]}行的会议、编号重复：同一会议中编号不能重复"
            plan.errors.append(LedgerError(row=row.row, column=C.NUMBER, value=row.number, reason=reason))
            continue
        first_row[key] = row.row
        if key in taken:
            reason = f"系统中{row.session}已有编号为{row.number}的议案建议"
            plan.errors.append(LedgerError(row=row.row, column=C.NUMBER, value=row.number, reason=reason))


def _plan_deputies(plan: Plan, rows: list[LedgerRow]) -> None:
    names = {row.lead_deputy for row in rows if row.lead_deputy}
    names |= {name for row in rows for name in row.co_signers}
    delegation_names = {row.delegation for row in rows if row.lead_deputy and row.delegation}
    for chunk in _chunks(delegation_names):
        plan.delegations.update({d.name: d for d in Delegation.objects.filter(name__in=chunk)})
    for name in sorted(delegation_names - set(plan.delegations)):
        delegation = Delegation(name=name)
        plan.delegations[name] = delegation
        plan.new_delegations.append(delegation)

    # Every deputy a name may mean: those in the database and those the file declares with a delegation.
    candidates: dict[str, dict[str, Deputy]] = defaultdict(dict)
    for chunk in _chunks(names):
        for deputy in Deputy.objects.filter(name__in=chunk).select_related("delegation").order_by("pk"):
            candidates[deputy.name].setdefault(deputy.delegation.name if deputy.delegation else "", deputy)
    for row in rows:
        if row.lead_deputy and row.delegation and row.delegation not in candidates[row.lead_deputy]:
            deputy = Deputy(name=row.lead_deputy, delegation=plan.delegations[row.delegation])
            candidates[row.lead_deputy][row.delegation] = deputy
            plan.new_deputies.append(deputy)
    for name, by_delegation in candidates.items():
        for delegation, deputy in by_delegation.items():
            plan.deputies[(name, delegation)] = deputy

    def resolve(row: LedgerRow, name: str, column: str, prefer: str) -> DeputyKey | None:
        found = candidates[name]
        if len(found) == 1:
            return (name, next(iter(found)))
        for delegation in (prefer, ""):
            if delegation in found:
                return (name, delegation)
        if not found:
            deputy = Deputy(name=name)
            found[""] = deputy
            plan.deputies[(name, "")] = deputy
            plan.new_deputies.append(deputy)
            return (name, "")
        where = "、".join(sorted(found))
        hint = "请在代表团列注明所属代表团" if column == C.LEAD_DEPUTY else "无法确定是哪一位"
        plan.errors.append(
            LedgerError(row=row.row, column=column, value=name, reason=f"有多位名为{name}的代表（{where}），{hint}")
        )
        return None

    for row in rows:
        if not row.lead_deputy:
            continue
        key = (row.lead_deputy, row.delegation) if row.delegation else resolve(row, row.lead_deputy, C.LEAD_DEPUTY, "")
        if key is None:
            continue
        plan.lead_of[row.row] = key
        co_keys = []
        for name in row.co_signers:
            co_key = resolve(row, name, C.CO_SIGNERS, key[1])
            if co_key is not None and co_key != key and co_key not in co_keys:
                co_keys.append(co_key)
        plan.co_signers_of[row.row] = co_keys


def _plan_units(plan: Plan, rows: list[LedgerRow]) -> None:
    names: dict[str, None] = {}
    for row in rows:
        for name in (*row.lead_units, *row.co_units):
            names.setdefault(name)
    for chunk in _chunks(names):
        plan.units.update({u.name: u for u in Unit.objects.filter(name__in=chunk)})
    if any(name not in plan.units for name in names):
        plan.units.update(_units_by_other_name([name for name in names if name not in plan.units]))
    for name in names:
        if name not in plan.units:
            unit = Unit(name=name)
            plan.units[name] = unit
            plan.new_units.append(unit)


def _units_by_other_name(names: list[str]) -> dict[str, Unit]:
    """Units a ledger names by their short name or an alias (住建局 → 市住房和城乡建设局), where exactly one
    unit is known by that name; a name two units share is left to be created, as an unknown name is."""
    wanted = set(names)
    known = Unit.objects.exclude(short_name="", aliases="").only("pk", "name", "short_name", "aliases")
    found: dict[str, list[Unit]] = {}
    for unit in known.iterator(chunk_size=2000):
        for other in unit.other_names():
            if other in wanted:
                found.setdefault(other, []).append(unit)
    return {name: units[0] for name, units in found.items() if len(units) == 1}
