"""Benchmark at scale: the pages and reports that must stay fast with a province's worth of items.

    .venv/bin/python benchmarks/scale.py [N] [--years 5] [--reuse] [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python benchmarks/scale.py 100000

Generates N items (default 100,000) spread over ``--years`` years with ``demo.scale`` (the
generator behind ``manage.py seed_scale``): their assignments, replies, co-unit opinions, evaluations,
contacts, progress notes, supervision steps and co-signers, about six rows per item. Then it times, as the
median of ``--repeat`` runs, the office's list page query (``visible_proposals`` with the list's
``select_related``/prefetch), the list as served (filters, bounded count, page), the unit inbox selectors
of the busiest unit, the year-end and monthly reports, and two whole pages through the test client; it
prints each figure with its number of queries.

With ``DATABASE_URL`` it uses that database: give it a dedicated scratch database (it is migrated, and
the script refuses to add items to one that already has some unless ``--reuse`` is given, which skips
the generation and only times). Without it, a fresh SQLite file in a temporary directory is used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure() -> None:
    scratch = tempfile.mkdtemp(prefix="scale-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["VAR_DIR"] = scratch
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("SECURE_COOKIES", "false")  # the test client speaks plain http
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


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
        from demo.scale import seed_scale

        started = time.perf_counter()
        gen = seed_scale(n=args.n, years=args.years, today=today)
        print(f"生成 {args.n:,} 件、共 {gen.rows:,} 行，用时 {time.perf_counter() - started:.1f} 秒")
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
