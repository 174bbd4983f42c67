"""Province-scale data: N believable items with their handling rows, written fast for benchmarks.

``seed_scale(n=...)`` (the ``seed_scale`` command) spreads N items over some years with the proportions of a
real office: most items handled by one unit, a few units carrying most of the work, about six rows per item
(assignments, replies, co-unit opinions, evaluations, contacts, progress notes, supervision steps, co-signers).
On PostgreSQL the rows go in with ``COPY`` in chunks; elsewhere with ``bulk_create``. Randomness is seeded.

It creates the logins ``bench-staff``, ``bench-leader``, ``bench-unit`` (a handler of the busiest unit) and
``bench-deputy`` (a deputy who leads and co-signs many items), all with the password ``bench-12345``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, models, reset_queries
from django.utils import timezone

from accounts import roles
from deputies.models import Delegation, Deputy, Session
from proposals.deadlines import add_months
from proposals.models import (
    Assignment,
    Contact,
    CoOpinion,
    Evaluation,
    ProgressNote,
    Proposal,
    Reply,
    SupervisionAction,
)
from reports.recorded_facts import recorded_facts_deferred
from units.models import Unit, UnitHandler

CHUNK = 5000
PASSWORD = "bench-12345"
FIELDS = (
    "城乡建设",
    "教育",
    "医疗卫生",
    "交通",
    "生态环境",
    "社会保障",
    "经济发展",
    "农业农村",
    "文化旅游",
    "公共安全",
)
TOPICS = ("老旧小区加装电梯", "课后服务", "家庭医生签约", "公交线网优化", "河道综合治理", "居家养老服务",
          "营商环境", "高标准农田", "历史文化街区保护", "燃气安全排查", "停车难", "垃圾分类")  # fmt: skip
# One item in this many is led by the bench deputy, and one in CO_SIGN_EVERY co-signed by them.
LEAD_EVERY = 400
CO_SIGN_EVERY = 150


def write_rows(model: type[models.Model], objs: list) -> None:
    """Insert unsaved ``objs`` and give them their primary keys: ``COPY`` on PostgreSQL, else ``bulk_create``."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=2000)
        return
    meta = model._meta
    pk = meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for obj, pk_value in zip(objs, ids, strict=True):
            setattr(obj, pk.attname, pk_value)
            obj._state.adding, obj._state.db = False, "default"
        fields = [f for f in meta.concrete_fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        prepared = [_preparer(f) for f in fields]
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row([prep(obj) for prep in prepared])


def _preparer(field: models.Field) -> Callable[[models.Model], object]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if field.is_relation or isinstance(field, models.AutoField):
        return lambda obj: getattr(obj, field.attname)
    return lambda obj: field.get_db_prep_save(getattr(obj, field.attname), connection)


class Generator:
    """Builds believable rows for N items with seeded randomness, in chunks of ``CHUNK`` items."""

    def __init__(self, *, n: int, years: int, today: dt.date, progress: Callable[[int, int], None] | None = None):
        self.progress = progress
        self.n, self.today = n, today
        self.years = list(range(today.year - years + 1, today.year + 1))
        self.rng = random.Random(7)
        self.rows = 0
        self.serials: dict[tuple[str, int], int] = {}

    def people(self):
        password = make_password(PASSWORD)
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_LABELS}

        def login(username, role):
            user = User.objects.create(username=username, password=password)
            user.groups.add(groups[role])
            return user

        self.staff, self.leader = login("bench-staff", roles.STAFF), login("bench-leader", roles.LEADER)
        self.sessions = {}
        for year in self.years:
            congress = Session.objects.create(name=f"基准{year}年人代会", year=year, opened_on=dt.date(year, 1, 10))
            recess = Session.objects.create(name=f"基准{year}年闭会期间", year=year, kind=Session.Kind.RECESS)
            self.sessions[year] = (congress, recess)
        delegations = Delegation.objects.bulk_create(
            [Delegation(name=f"基准第{i + 1}代表团") for i in range(max(10, self.n // 2000))]
        )
        deputies = [
            Deputy(name=f"代表{i + 1:06d}", delegation=delegations[i % len(delegations)], occupation="基准测试")
            for i in range(max(40, self.n // 20))
        ]
        self.deputies = Deputy.objects.bulk_create(deputies, batch_size=5000)
        self.deputy_user = login("bench-deputy", roles.DEPUTY)
        self.deputies[0].user = self.deputy_user
        self.deputies[0].save(update_fields=["user"])
        self.units = Unit.objects.bulk_create(
            [Unit(name=f"基准承办单位{i + 1:04d}") for i in range(max(20, self.n // 200))]
        )
        self.unit_weights = [1 / (i + 1) ** 0.8 for i in range(len(self.units))]  # a few units carry most items
        self.unit_user = login("bench-unit", roles.UNIT_HANDLER)
        UnitHandler.objects.create(user=self.unit_user, unit=self.units[0])
        self.rows += len(delegations) + len(self.deputies) + len(self.units)

    def day_in(self, start: dt.date, low: int, high: int) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(low, high))

    def items(self) -> None:
        number = 0
        for start in range(0, self.n, CHUNK):
            plans = [self.plan(i) for i in range(start, min(self.n, start + CHUNK))]
            write_rows(Proposal, [p["proposal"] for p in plans])
            self.co_sign(plans)
            self.children(plans)
            number += len(plans)
            self.rows += len(plans)
            reset_queries()
            if self.progress:
                self.progress(number, self.rows)

    def co_sign(self, plans: list[dict]) -> None:
        """About one item in five has one or two co-signers; the bench deputy co-signs one in ``CO_SIGN_EVERY``."""
        through = Proposal.co_signers.through
        links = []
        for plan in plans:
            p = plan["proposal"]
            chosen = set()
            if plan["index"] % CO_SIGN_EVERY == 1 and p.lead_deputy_id != self.deputies[0].pk:
                chosen.add(self.deputies[0].pk)
            if self.rng.random() < 0.2:
                for deputy in self.rng.sample(self.deputies, 2)[: self.rng.choice((1, 2))]:
                    if deputy.pk != p.lead_deputy_id:
                        chosen.add(deputy.pk)
            links.extend(through(proposal_id=p.pk, deputy_id=d) for d in sorted(chosen))
        write_rows(through, links)
        self.rows += len(links)

    def plan(self, i: int) -> dict:
        """What happened to item ``i``: its fields (``attrs``) and the rows that hang from it."""
        rng, today = self.rng, self.today
        year = self.years[i % len(self.years)]
        congress, recess = self.sessions[year]
        in_session = rng.random() < 0.5
        last = min(dt.date(year, 12, 20), today)
        if in_session:
            submitted = self.day_in(dt.date(year, 1, 10), 0, 4)
        else:
            submitted = self.day_in(dt.date(year, 1, 20), 0, max(0, (last - dt.date(year, 1, 20)).days))
        kind = "motion" if in_session and rng.random() < 0.04 else "suggestion"
        attrs = {
            "session": congress if in_session else recess,
            "number": f"{i + 1:06d}",
            "kind": kind,
            "title": f"关于加强{rng.choice(TOPICS)}工作的建议（{i + 1}）",
            "field": rng.choice(FIELDS),
            "lead_deputy": self.deputies[0] if i % LEAD_EVERY == 0 else rng.choice(self.deputies),
            "submitted_on": submitted,
        }
        plan = {"index": i, "attrs": attrs, "urge": False, "evaluations": []}
        self.decide(plan, submitted)
        plan["proposal"] = Proposal(**attrs)
        return plan

    def decide(self, plan: dict, submitted: dt.date) -> None:
        rng, attrs = self.rng, plan["attrs"]
        registered = self.day_in(submitted, 3, 20)
        if registered > self.today:
            attrs["state"] = "submitted" if rng.random() < 0.8 else "draft"
            if attrs["state"] == "draft":
                attrs["number"] = None
            return
        roll = rng.random()
        if roll < 0.02:
            attrs.update(state="rejected", reject_reason="不属于代表建议的范围")
            return
        if roll < 0.03:
            attrs["state"] = "merged"
            return
        if attrs["kind"] == "motion":
            attrs["motion_outcome"] = rng.choice(("to_agenda", "not_to_agenda", "converted"))
            if attrs["motion_outcome"] != "converted":
                attrs["state"] = "on_agenda" if attrs["motion_outcome"] == "to_agenda" else "not_on_agenda"
                return
        assigned = self.day_in(registered, 3, 15)
        if assigned > self.today:
            attrs["state"] = "registered"
            return
        self.handle(plan, assigned)

    def handle(self, plan: dict, assigned: dt.date) -> None:
        rng, today, attrs = self.rng, self.today, plan["attrs"]
        mode = rng.choices(("single", "lead_co", "split"), weights=(70, 20, 10))[0]
        units = rng.choices(self.units, weights=self.unit_weights, k=3)
        roles = {"single": ["lead"], "lead_co": ["lead", "co"], "split": ["split", "split"]}[mode]
        if len({u.pk for u in units[: len(roles)]}) < len(roles):
            mode, roles = "single", ["lead"]
        due = add_months(assigned, 3)
        extended = add_months(assigned, 5) if rng.random() < 0.08 else None
        signed = self.day_in(assigned, 1, 4)
        reply = self.day_in(assigned, 35, 110)
        attrs.update(handling_mode=mode, assigned_on=assigned, reply_due=due, extended_to=extended)
        attrs["key_supervision"] = rng.random() < 0.02
        state, replied_round = "assigned", 0
        if signed <= today:
            state = "handling"
            if reply <= today:
                state, replied_round = self.evaluate(plan, reply)
            elif (extended or due) < today and rng.random() < 0.3:
                plan["urge"] = True
        if state == "closed":
            attrs["evaluation_due"] = None
        attrs["state"] = state
        plan.update(
            units=units[: len(roles)],
            roles=roles,
            signed=signed,
            due=due,
            extended=extended,
            reply=reply,
            replied_round=replied_round,
        )

    def evaluate(self, plan: dict, reply: dt.date) -> tuple[str, int]:
        """The first reply and what followed: rating, closing, a second round. Returns (state, replied round)."""
        rng, today, attrs, evaluations = self.rng, self.today, plan["attrs"], plan["evaluations"]
        attrs.update(first_replied_on=reply, latest_replied_on=reply, evaluation_due=add_months(reply, 1))
        evaluated = self.day_in(reply, 5, 40)
        result = rng.choices(("satisfied", "basic", "unsatisfied"), weights=(60, 30, 10))[0]
        if evaluated > today:
            return "replied", 1
        if evaluated > attrs["evaluation_due"]:
            attrs.update(closed_on=attrs["evaluation_due"] + dt.timedelta(days=1), closed_unevaluated=True)
            return "closed", 1
        evaluations.append((1, evaluated, result))
        if result != "unsatisfied":
            attrs["closed_on"] = evaluated
            return "closed", 1
        attrs.update(round=2, rehandle_due=add_months(evaluated, 1))
        reply2 = self.day_in(evaluated, 10, 40)
        if reply2 > today:
            return "rehandling", 1
        attrs.update(latest_replied_on=reply2, evaluation_due=add_months(reply2, 1))
        evaluated2 = self.day_in(reply2, 5, 20)
        if evaluated2 > today:
            return "replied", 2
        evaluations.append((2, evaluated2, rng.choice(("satisfied", "basic"))))
        attrs["closed_on"] = evaluated2
        return "closed", 2

    def assignment(self, plan: dict, unit, role: str):
        p = plan["proposal"]
        answering = role != "co"
        due = plan["due"] if answering else add_months(p.assigned_on, 1)
        signed = plan["signed"] <= self.today
        replied_on = None
        if not signed:
            state = "pending_sign"
        elif answering and p.state in ("replied", "closed"):
            state, replied_on = "replied", p.latest_replied_on
        elif not answering and plan["replied_round"] >= 1:
            state, replied_on = "opinion_sent", plan["reply"] - dt.timedelta(days=5)
        else:
            state = "handling"
        extended = plan["extended"] if answering else None
        rehandle_due = p.rehandle_due if p.round == 2 and answering else None
        return Assignment(
            proposal=p,
            unit=unit,
            role=role,
            state=state,
            round=p.round if answering else 1,
            assigned_on=p.assigned_on,
            sign_due=p.assigned_on + dt.timedelta(days=5),
            adjust_until=p.assigned_on + dt.timedelta(days=14),
            base_due=due,
            extended_to=extended,
            due_on=rehandle_due or extended or due,
            replied_on=replied_on,
            signed_at=timezone.make_aware(dt.datetime.combine(plan["signed"], dt.time(10))) if signed else None,
        )

    def children(self, plans: list[dict]) -> None:
        assignments = [
            self.assignment(plan, unit, role)
            for plan in plans
            if plan["proposal"].assigned_on
            for unit, role in zip(plan["units"], plan["roles"], strict=True)
        ]
        write_rows(Assignment, assignments)
        rows: dict[type, list] = {Reply: [], CoOpinion: [], Evaluation: [], Contact: [], ProgressNote: []}
        for a in assignments:
            p = a.proposal
            if a.state == "opinion_sent":
                rows[CoOpinion].append(
                    CoOpinion(assignment=a, proposal=p, unit=a.unit, body="同意主办单位意见", sent_on=a.replied_on)
                )
            if a.role == "co" or not p.first_replied_on:
                continue
            category = self.rng.choice("AABBCD")
            rows[Reply].append(
                Reply(
                    proposal=p, assignment=a, unit=a.unit, category=category, body="答复", replied_on=p.first_replied_on
                )
            )
            if p.round == 2 and a.state == "replied":
                rows[Reply].append(
                    Reply(proposal=p, assignment=a, unit=a.unit, round=2, category="A", replied_on=p.latest_replied_on)
                )
        for plan in plans:
            self.records(plan, rows)
        for model, items in rows.items():
            write_rows(model, items)
            self.rows += len(items)
        self.rows += len(assignments)
        self.supervise(plans)

    def records(self, plan: dict, rows: dict) -> None:
        p = plan["proposal"]
        for round_no, day, result in plan["evaluations"]:
            reason = "答复笼统，问题未解决" if result == "unsatisfied" else ""
            rows[Evaluation].append(
                Evaluation(
                    proposal=p,
                    round=round_no,
                    deputy=p.lead_deputy,
                    attitude="satisfied",
                    result=result,
                    reason=reason,
                    evaluated_on=day,
                )
            )
        if not p.assigned_on or plan["signed"] > self.today:
            return
        end = min(p.first_replied_on or self.today, self.today)
        span = max(0, (end - plan["signed"]).days)
        for _ in range(self.rng.choice((1, 1, 2))):
            day = plan["signed"] + dt.timedelta(days=self.rng.randint(0, span))
            method = self.rng.choice(("meeting", "phone", "forum", "visit"))
            rows[Contact].append(
                Contact(proposal=p, unit=plan["units"][0], method=method, contacted_on=day, summary="沟通情况")
            )
        if self.rng.random() < 0.5:
            rows[ProgressNote].append(ProgressNote(proposal=p, unit=plan["units"][0], noted_on=end, body="办理进展"))

    def supervise(self, plans: list[dict]) -> None:
        actions = []
        for plan in plans:
            if not plan["urge"]:
                continue
            issued = (plan["extended"] or plan["due"]) + dt.timedelta(days=3)
            key = ("urge", issued.year)
            self.serials[key] = self.serials.get(key, 0) + 1
            actions.append(
                SupervisionAction(
                    proposal=plan["proposal"],
                    unit=plan["units"][0],
                    kind="urge",
                    year=issued.year,
                    serial=self.serials[key],
                    content="请抓紧办理",
                    issued_on=issued,
                    due_on=issued + dt.timedelta(days=7),
                    issued_by=self.staff,
                )
            )
        write_rows(SupervisionAction, actions)
        self.rows += len(actions)


def seed_scale(
    *, n: int, years: int = 10, today: dt.date | None = None, progress: Callable[[int, int], None] | None = None
) -> Generator:
    """Write ``n`` items spread over ``years`` years ending ``today`` into an empty database."""
    gen = Generator(n=n, years=years, today=today or timezone.localdate(), progress=progress)
    gen.people()
    with recorded_facts_deferred():  # every item's kept latest records, computed once at the end
        gen.items()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Index-only scans need the visibility map; VACUUM cannot run inside a transaction (tests).
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return gen
