"""Small builders for test data. Each returns saved objects with believable Chinese values."""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth.models import Group, User

from accounts import roles
from deputies.models import Delegation, Deputy, Session
from proposals import services
from proposals.models import Proposal
from units.models import Unit, UnitHandler

_seq = itertools.count(1)


def user(*, username: str | None = None, role: str | None = None, **extra) -> User:
    username = username or f"user{next(_seq)}"
    u = User.objects.create_user(username=username, password="pass-1234", **extra)
    if role:
        group, _ = Group.objects.get_or_create(name=role)
        u.groups.add(group)
    return u


def staff_user(**kw) -> User:
    return user(role=roles.STAFF, **kw)


def leader_user(**kw) -> User:
    return user(role=roles.LEADER, **kw)


def session(*, name: str = "市十七届人大四次会议", year: int = 2026) -> Session:
    return Session.objects.get_or_create(name=name, defaults={"year": year})[0]


def deputy(*, name: str | None = None, delegation: str = "东城区代表团", with_login: bool = True) -> Deputy:
    delegation_obj = Delegation.objects.get_or_create(name=delegation)[0]
    login = user(role=roles.DEPUTY) if with_login else None
    return Deputy.objects.create(name=name or f"代表{next(_seq)}", delegation=delegation_obj, user=login)


def unit(*, name: str | None = None, with_handler: bool = True) -> Unit:
    u = Unit.objects.create(name=name or f"市第{next(_seq)}局")
    if with_handler:
        UnitHandler.objects.create(user=user(role=roles.UNIT_HANDLER), unit=u)
    return u


def handler_of(unit_obj: Unit) -> User:
    return unit_obj.handlers.select_related("user").first().user


def proposal(
    *,
    kind: str = "suggestion",
    lead: Deputy | None = None,
    session_obj: Session | None = None,
    title: str = "关于加快老旧小区加装电梯的建议",
    submitted_on: dt.date | None = None,
    field: str = "城乡建设",
) -> Proposal:
    lead = lead or deputy()
    return services.proposal_create(
        by=lead.user,
        session=session_obj or session(),
        kind=kind,
        title=title,
        content="具体内容。",
        field=field,
        lead_deputy=lead,
        submitted_on=submitted_on,
    )


def registered(*, staff: User | None = None, **kw) -> Proposal:
    staff = staff or staff_user()
    p = proposal(**kw)
    # A motion needs its co-signers before its deputy can submit it; staff enter a paper motion.
    services.proposal_submit(proposal=p, by=staff if p.kind == "motion" else p.lead_deputy.user)
    services.proposal_register(proposal=p, by=staff)
    return p


def assigned(
    *,
    staff: User | None = None,
    mode: str = "single",
    units: list[Unit] | None = None,
    co: list[Unit] | None = None,
    on: dt.date | None = None,
    **kw,
) -> Proposal:
    staff = staff or staff_user()
    p = registered(staff=staff, **kw)
    units = units or [unit()]
    if mode == "lead_co" and not co:
        co = [unit()]
    services.proposal_assign(proposal=p, by=staff, mode=mode, lead_units=units, co_units=co or [], on=on)
    p.refresh_from_db()
    return p


FAR_PLAN_DATE = dt.date(2099, 12, 31)


def reply_rules(category: str) -> dict:
    """What a reply of ``category`` must carry besides its body: a dated planned action (B, C) and a
    reason it is not adopted (C, D)."""
    extra: dict = {}
    if category in ("B", "C"):
        extra["planned"] = [("按年度计划推进落实", FAR_PLAN_DATE)]
    if category in ("C", "D"):
        extra["not_adopted_reason"] = "受现有条件限制，暂不能全部落实"
    return extra
