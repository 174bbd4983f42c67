"""Benchmark at scale: the pages and reports that must stay fast with a province's worth of items.

    .venv/bin/python benchmarks/scale.py [N] [--years 5] [--reuse] [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python benchmarks/scale.py 100000

Generates N items (default 100,000) spread over ``--years`` years, with their assignments, replies,
co-unit opinions, evaluations, contacts, progress notes and supervision steps (about five rows per item,
the ratio of DESIGN §7), written with ``bulk_create``. Then it times, as the median of ``--repeat`` runs,
the office's list page query (``visible_proposals`` with the list's ``select_related``/prefetch), the list
as served (filters, bounded count, page), the unit inbox selectors of the busiest unit, the year-end and
monthly reports, and two whole pages through the test client; it prints each figure with its number of
queries.

With ``DATABASE_URL`` it uses that database: give it a dedicated scratch database (it is migrated, and
the script refuses to add items to one that already has some unless ``--reuse`` is given, which skips
the generation and only times). Without it, a fresh SQLite file in a temporary directory is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHUNK = 5000
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


def configure() -> None:
    scratch = tempfile.mkdtemp(prefix="scale-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["VAR_DIR"] = scratch
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


# --- generation ---------------------------------------------------------------------------------------


class Generator:
    """Builds believable rows for N items with seeded randomness, in chunks, with ``bulk_create``."""

    def __init__(self, *, n: int, years: int, today: dt.date):
        from proposals.deadlines import add_months

        self.n, self.today, self.add_months = n, today, add_months
        self.years = list(range(today.year - years + 1, today.year + 1))
        self.rng = random.Random(7)
        self.rows = 0
        self.serials: dict[tuple[str, int], int] = {}

    def people(self):
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group, User

        from accounts import roles
        from deputies.models import Delegation, Deputy, Session
        from units.models import Unit, UnitHandler

        password = make_password("bench-12345")
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
        from django.db import reset_queries

        from proposals.models import Proposal

        number = 0
        for start in range(0, self.n, CHUNK):
            plans = [self.plan(i) for i in range(start, min(self.n, start + CHUNK))]
            proposals = Proposal.objects.bulk_create([p["proposal"] for p in plans], batch_size=2000)
            for plan, proposal in zip(plans, proposals, strict=True):
                plan["proposal"] = proposal
            self.children(plans)
            number += len(plans)
            self.rows += len(plans)
            reset_queries()
            print(f"  已生成 {number:,} 件（共 {self.rows:,} 行）", flush=True)

    def plan(self, i: int) -> dict:
        """What happened to item ``i``: its fields (``attrs``) and the rows that hang from it."""
        from proposals.models import Proposal

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
            "lead_deputy": rng.choice(self.deputies),
            "submitted_on": submitted,
        }
        plan = {"attrs": attrs, "urge": False, "evaluations": []}
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
        due = self.add_months(assigned, 3)
        extended = self.add_months(assigned, 5) if rng.random() < 0.08 else None
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
        attrs.update(first_replied_on=reply, latest_replied_on=reply, evaluation_due=self.add_months(reply, 1))
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
        attrs.update(round=2, rehandle_due=self.add_months(evaluated, 1))
        reply2 = self.day_in(evaluated, 10, 40)
        if reply2 > today:
            return "rehandling", 1
        attrs.update(latest_replied_on=reply2, evaluation_due=self.add_months(reply2, 1))
        evaluated2 = self.day_in(reply2, 5, 20)
        if evaluated2 > today:
            return "replied", 2
        evaluations.append((2, evaluated2, rng.choice(("satisfied", "basic"))))
        attrs["closed_on"] = evaluated2
        return "closed", 2

    def assignment(self, plan: dict, unit, role: str):
        from django.utils import timezone

        from proposals.models import Assignment

        p = plan["proposal"]
        answering = role != "co"
        due = plan["due"] if answering else self.add_months(p.assigned_on, 1)
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
        from proposals.models import Assignment, Contact, CoOpinion, Evaluation, ProgressNote, Reply

        assignments = [
            self.assignment(plan, unit, role)
            for plan in plans
            if plan["proposal"].assigned_on
            for unit, role in zip(plan["units"], plan["roles"], strict=True)
        ]
        Assignment.objects.bulk_create(assignments, batch_size=2000)
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
            model.objects.bulk_create(items, batch_size=2000)
            self.rows += len(items)
        self.rows += len(assignments)
        self.supervise(plans)

    def records(self, plan: dict, rows: dict) -> None:
        from proposals.models import Contact, Evaluation, ProgressNote

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
        from proposals.models import SupervisionAction

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
        SupervisionAction.objects.bulk_create(actions, batch_size=2000)
        self.rows += len(actions)


# --- timing ---------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int, *, right: bool = False) -> str:
    pad = " " * max(width - _width(text), 1)
    return pad + text if right else text + pad


def measure(label: str, fn: Callable[[], object], repeat: int) -> None:
    """Print the median, fastest and slowest of ``repeat`` runs (after one warm-up) and the queries of one run."""
    from django.db import connection

    fn()  # warm the caches once, as a page in service would be
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    figures = [f"{statistics.median(times):.1f}", f"{min(times):.1f}", f"{max(times):.1f}", str(queries)]
    print(_cell(label, 60) + "".join(_cell(f, 10, right=True) for f in figures), flush=True)


def run_timings(*, repeat: int, today: dt.date) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from proposals.selectors import visible_proposals
    from proposals.selectors_filters import ListFilters, due_date_expression, filtered_proposals, with_list_related
    from proposals.views._paging import bounded_page
    from units import selectors as inbox

    staff = User.objects.get(username="bench-staff")
    unit = User.objects.get(username="bench-unit").unit_handler.unit
    deputy = User.objects.get(username="bench-deputy")
    near = inbox.near_days()

    def staff_list_query():
        qs = visible_proposals(staff).exclude(state="draft").annotate(due_date=due_date_expression())
        return list(with_list_related(qs.order_by("-submitted_on", "-id"))[:25])

    def listed(filters: ListFilters, page: int = 1):
        return lambda: bounded_page(with_list_related(filtered_proposals(filters, today=today)), page)

    header = ["中位数ms", "最快ms", "最慢ms", "查询数"]
    print("\n" + _cell(f"测量项目（每项{repeat}次取中位数）", 60) + "".join(_cell(h, 10, right=True) for h in header))
    measure("工作台列表查询 visible_proposals+select_related 首页25条", staff_list_query, repeat)
    measure("工作台列表（默认筛选，计数+第1页）", listed(ListFilters()), repeat)
    measure("工作台列表（第200页）", listed(ListFilters(), 200), repeat)
    measure("工作台列表（超期筛选）", listed(ListFilters(overdue=True)), repeat)
    measure("工作台列表（临期筛选）", listed(ListFilters(near_due=True)), repeat)
    measure("工作台列表（按承办单位筛选）", listed(ListFilters(unit_id=unit.pk)), repeat)
    measure("工作台列表（标题搜索“电梯”）", listed(ListFilters(q="电梯")), repeat)
    measure(
        "承办单位办理箱各栏计数 inbox_counts", lambda: inbox.inbox_counts(unit=unit, today=today, near=near), repeat
    )
    for tab, label in inbox.TABS.items():
        measure(
            f"承办单位办理箱 inbox_page（{label}）",
            lambda tab=tab: inbox.inbox_page(unit=unit, tab=tab, today=today, near=near),
            repeat,
        )
    measure("代表本人的件 visible_proposals（代表）", lambda: list(visible_proposals(deputy)[:25]), repeat)
    try:
        from reports.statistics import annual_report, monthly_report
    except ImportError:
        print("（reports.statistics 不存在，跳过报告计时）")
    else:
        measure(f"年度报告 annual_report({today.year})", lambda: annual_report(year=today.year, as_of=today), repeat)
        last_month = today.replace(day=1) - dt.timedelta(days=1)
        measure(
            f"月度督办报告 monthly_report({last_month:%Y-%m})",
            lambda: monthly_report(year=last_month.year, month=last_month.month),
            repeat,
        )
    client = Client()
    client.force_login(staff)
    measure("整页 GET /staff/（工作台列表，含模板渲染）", lambda: _ok(client.get("/staff/")), repeat)
    unit_client = Client()
    unit_client.force_login(User.objects.get(username="bench-unit"))
    measure("整页 GET /unit/（办理箱，含模板渲染）", lambda: _ok(unit_client.get("/unit/")), repeat)


def _ok(response):
    if response.status_code != 200:
        raise SystemExit(f"页面返回 {response.status_code}")
    return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="议案建议件数（默认100000）")
    parser.add_argument("--years", type=int, default=5, help="分布在最近几年（默认5）")
    parser.add_argument("--repeat", type=int, default=5, help="每项计时次数，取中位数（默认5）")
    parser.add_argument("--reuse", action="store_true", help="数据库中已有基准数据时跳过生成，只计时")
    args = parser.parse_args()
    configure()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from proposals.models import Proposal

    db = settings.DATABASES["default"]
    print(f"数据库：{db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}")
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    existing = Proposal.objects.count()
    if existing and not args.reuse:
        raise SystemExit(f"数据库中已有 {existing:,} 件议案建议；请使用专用的空数据库，或加 --reuse 只计时。")
    if not existing:
        started = time.perf_counter()
        gen = Generator(n=args.n, years=args.years, today=today)
        gen.people()
        gen.items()
        print(f"生成 {args.n:,} 件、共 {gen.rows:,} 行，用时 {time.perf_counter() - started:.1f} 秒")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    from proposals.models import Assignment, Contact, Reply

    print(
        f"数据量：议案建议 {Proposal.objects.count():,}，交办 {Assignment.objects.count():,}，"
        f"答复 {Reply.objects.count():,}，沟通 {Contact.objects.count():,}；"
        f"计时的承办单位有 {Assignment.objects.filter(unit__handlers__user__username='bench-unit').count():,} 条交办；"
        f"{today.year}年提出的 {Proposal.objects.filter(submitted_on__year=today.year).count():,} 件"
    )
    run_timings(repeat=args.repeat, today=today)


if __name__ == "__main__":
    main()
