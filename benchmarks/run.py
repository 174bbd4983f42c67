"""The province-scale benchmark: every figure beside a baseline measured in the same run, with its target.

    .venv/bin/python benchmarks/run.py --items 1000000
    .venv/bin/python benchmarks/run.py --items 10000 --only pages,throughput

It works in the PostgreSQL database ``bench_<N>`` (``bench_10k``, ``bench_100k``, ``bench_1m``) on the
server of ``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/``), created and filled with
``manage.py seed_scale --items N`` when it is missing or empty. The reminder and import figures use their
own scratch databases (``bench_reminders``, ``bench_import``), rebuilt on each run.

1. pages — p50/p95 server time (test client, ≥ 50 requests each) and SQL queries of every page, beside
   ``/notifications/`` (the same layout, no data for the bench logins) as the baseline;
2. throughput — gunicorn with 2 workers and a bounded load generator on loopback (≤ 60 s in all);
3. statistics — ``annual_report`` for the last year (200,000 items at 1,000,000) vs one hand-written query;
4. reminders — a scan writing 5,000 reminders among 100,000 open assignments, then among 1,000,000;
5. reports — the monthly PDF and Excel (time, peak memory, pages);
6. import — 10,000 ledger rows vs ``bulk_create`` of the same items.

Results are saved in ``var/benchmarks/<N>.json``; the query-count target compares every size measured.
Timings on a shared machine are noisy: read the ratios to the in-run baseline beside the times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/").rstrip("/") + "/"
RESULTS = ROOT / "var" / "benchmarks"
SECTIONS = ("pages", "throughput", "statistics", "reminders", "reports", "import")

# (label, target p50 ms at 1,000,000 items, query cap, kind)
LIST, ITEM = "list", "item"


def label_of(n: int) -> str:
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def env_for(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": SERVER + database,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-not-for-production"),
        "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "SECURE_COOKIES": "false",  # plain http on loopback: no redirect to HTTPS, cookies sent over http
    }


def manage(database: str, *args: str, timed: bool = False) -> subprocess.CompletedProcess:
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    if timed:
        command = ["/usr/bin/time", "-v", *command]
    return subprocess.run(command, env=env_for(database), cwd=ROOT, capture_output=True, text=True, check=False)


def psql(database: str, sql: str) -> str:
    url = SERVER + database
    done = subprocess.run(["psql", url, "-tAc", sql], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def recreate(database: str) -> None:
    psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    psql("postgres", f"CREATE DATABASE {database}")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row(*cells, widths=(44, 10, 10, 8, 9, 30)) -> str:
    out = ""
    for i, cell in enumerate(cells):
        text, w = str(cell), widths[min(i, len(widths) - 1)]
        out += text + " " * max(w - width(text), 1) if i == 0 else " " * max(w - width(text), 1) + text
    return out


def verdict(ok: bool) -> str:
    return "达标" if ok else "未达标"


# --- Django in this process ---------------------------------------------------------------------------------


def setup(database: str) -> None:
    os.environ.update(env_for(database))
    import django

    django.setup()


def ensure_data(n: int, database: str) -> None:
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"
    if not exists:
        psql("postgres", f"CREATE DATABASE {database}")
    done = manage(database, "migrate", "--verbosity", "0")
    if done.returncode:
        sys.exit(done.stderr[-2000:])
    count = psql(database, "SELECT count(*) FROM proposals_proposal") or "0"
    if int(count) == 0:
        print(f"数据库 {database} 为空，生成 {n:,} 件（manage.py seed_scale --items {n}）……", flush=True)
        started = time.perf_counter()
        done = manage(database, "seed_scale", "--items", str(n))
        if done.returncode:
            sys.exit(done.stderr[-2000:])
        print(f"  用时 {time.perf_counter() - started:.0f} 秒", flush=True)


def timed_requests(client, url: str, count: int) -> tuple[list[float], int]:
    from django.db import connection

    for _ in range(3):  # warm the caches (and build a missing figure snapshot) as a page in service would
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} 返回 {response.status_code}")
    queries = 0

    def counter(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return times, queries


def page_plan() -> list[tuple[str, str, str, str, float | None]]:
    """(label, login, url, kind, target p50 ms) of every measured page, the baseline first."""
    from django.contrib.auth.models import User

    from proposals.models import Assignment, Proposal
    from units.selectors import TABS

    unit_user = User.objects.get(username="bench-unit")
    deputy = User.objects.get(username="bench-deputy").deputy
    unit = unit_user.unit_handler.unit
    busy = Assignment.objects.filter(unit=unit, proposal__lead_deputy=deputy).order_by("-pk").first()
    busy = busy or Assignment.objects.filter(unit=unit).order_by("-pk").first()
    item = busy.proposal
    deputy_item = Proposal.objects.filter(lead_deputy=deputy).exclude(state="draft").order_by("-pk").first()
    plan = [
        ("基线页 /notifications/", "bench-unit", "/notifications/", "baseline", None),
        ("工作台列表 /staff/", "bench-staff", "/staff/", LIST, 150),
        ("工作台列表第200页", "bench-staff", "/staff/?page=200", LIST, 150),
        ("工作人员查看件 /staff/<id>/", "bench-staff", f"/staff/{item.pk}/", ITEM, 60),
        ("办理箱 /unit/", "bench-unit", "/unit/", LIST, 100),
    ]
    plan += [(f"办理箱·{label}", "bench-unit", f"/unit/?tab={tab}", LIST, 100) for tab, label in TABS.items()]
    plan += [
        ("承办单位查看件 /unit/assignments/<id>/", "bench-unit", f"/unit/assignments/{busy.pk}/", ITEM, 60),
        ("代表首页 /deputy/", "bench-deputy", "/deputy/", LIST, 60),
        ("代表查看件 /deputy/items/<id>/", "bench-deputy", f"/deputy/items/{deputy_item.pk}/", ITEM, 60),
        ("领导驾驶舱 /leader/", "bench-leader", "/leader/", LIST, 300),
    ]
    return plan


def run_pages(n: int, requests: int, results: dict) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    clients = {}
    print(f"\n一、页面（每页 {requests} 次，服务端用时 ms；基线为同一布局、无业务数据的 /notifications/）")
    print(row("页面", "p50", "p95", "查询数", "×基线", "目标（100万件时）"))
    pages = {}
    baseline = None
    for label, login, url, kind, target in page_plan():
        if login not in clients:
            clients[login] = Client()
            clients[login].force_login(User.objects.get(username=login))
        times, queries = timed_requests(clients[login], url, requests)
        p50 = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        baseline = baseline or p50
        cap = 12 if kind == LIST else 25 if kind == ITEM else None
        goal = ""
        if target:
            ok = p50 <= target and queries <= cap
            goal = f"p50≤{target}，查询≤{cap}：{verdict(ok)}"
        pages[label] = {"url": url, "p50": p50, "p95": p95, "queries": queries, "ratio": p50 / baseline}
        pages[label].update(target=target, cap=cap)
        print(row(label, f"{p50:.1f}", f"{p95:.1f}", queries, f"{p50 / baseline:.1f}", goal), flush=True)
    results["pages"] = pages
    others = {}
    for path in RESULTS.glob("*.json"):
        data = json.loads(path.read_text())
        if data.get("items") != n and "pages" in data:
            others[data["items"]] = data["pages"]
    for items, other in sorted(others.items()):
        same = [label for label in pages if label in other and other[label]["queries"] == pages[label]["queries"]]
        differ = [
            f"{label}（{other[label]['queries']}→{pages[label]['queries']}）"
            for label in pages
            if label in other and other[label]["queries"] != pages[label]["queries"]
        ]
        print(
            f"查询数与 {items:,} 件时相同：{len(same)} 页；不同：{'、'.join(differ) or '无'} —— {verdict(not differ)}"
        )


# --- throughput -----------------------------------------------------------------------------------------------


def session_cookie(username: str) -> str:
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies["sessionid"].value


def load(url: str, cookie: str, *, seconds: float, concurrency: int, port: int) -> float:
    """Requests per second of ``concurrency`` keep-alive clients hitting ``url`` for ``seconds``."""
    import http.client

    done = [0] * concurrency
    stop = time.perf_counter() + seconds

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop:
            conn.request("GET", url, headers={"Cookie": f"sessionid={cookie}", "Host": "localhost"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{url} 返回 {response.status}")
            done[i] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - started)


def run_throughput(database: str, results: dict, *, seconds: float = 12) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env_for(database),
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        plan = [
            ("基线页 /notifications/", "bench-unit", "/notifications/"),
            ("办理箱 /unit/", "bench-unit", "/unit/"),
            ("代表首页 /deputy/", "bench-deputy", "/deputy/"),
            ("领导驾驶舱 /leader/", "bench-leader", "/leader/"),
        ]
        cookies = {login: session_cookie(login) for _, login, _ in plan}
        print(f"\n二、吞吐量（gunicorn 2 个 worker，本机回环，4 个并发客户端，每页 {seconds:.0f} 秒）")
        print(row("页面", "请求/秒", "", "", "占基线", "目标"))
        figures, base = {}, None
        for label, login, url in plan:
            load(url, cookies[login], seconds=1, concurrency=2, port=port)  # warm both workers
            rps = load(url, cookies[login], seconds=seconds, concurrency=4, port=port)
            base = base or rps
            goal = f"≥50% 基线：{verdict(rps >= base / 2)}" if "驾驶舱" not in label and base != rps else ""
            figures[label] = {"rps": rps, "share": rps / base}
            print(row(label, f"{rps:.1f}", "", "", f"{rps / base:.0%}", goal), flush=True)
        results["throughput"] = figures
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- statistics ------------------------------------------------------------------------------------------------

HAND_SQL = """
SELECT count(*) AS items,
       count(*) FILTER (WHERE p.assigned_on <= %(as_of)s) AS assigned,
       count(*) FILTER (WHERE p.first_replied_on <= %(as_of)s) AS replied,
       count(*) FILTER (WHERE p.first_replied_on <= %(as_of)s
                          AND p.first_replied_on <= COALESCE(p.extended_to, p.reply_due)) AS replied_on_time,
       count(*) FILTER (WHERE p.closed_on <= %(as_of)s) AS closed,
       count(*) FILTER (WHERE e.result IN ('satisfied', 'basic')) AS satisfied_final,
       count(e.result) AS evaluated_final,
       count(*) FILTER (WHERE r.category = 'A') AS category_a,
       count(*) FILTER (WHERE r.category = 'B') AS category_b
FROM proposals_proposal p
JOIN deputies_session s ON s.id = p.session_id AND s.year = %(year)s
LEFT JOIN LATERAL (SELECT result FROM proposals_evaluation ev
                   WHERE ev.proposal_id = p.id AND ev.evaluated_on <= %(as_of)s
                   ORDER BY ev.round DESC LIMIT 1) e ON true
LEFT JOIN LATERAL (SELECT category FROM proposals_reply rp
                   WHERE rp.proposal_id = p.id AND rp.replied_on <= %(as_of)s
                   ORDER BY rp.round, rp.id LIMIT 1) r ON true
WHERE p.state NOT IN ('draft', 'withdrawn', 'rejected', 'merged')
"""


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_statistics(results: dict) -> None:
    from django.db import connection
    from django.utils import timezone

    from proposals.models import Proposal
    from reports.statistics import annual_report

    today = timezone.localdate()
    year = today.year
    items = Proposal.objects.filter(session__year=year).count()
    annual_report(year=year, as_of=today)  # warm the caches

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, {"year": year, "as_of": today})
            cursor.fetchall()

    report = best_of(lambda: json.dumps(annual_report(year=year, as_of=today)), 3)
    baseline = best_of(hand, 3)
    print(f"\n三、统计（{year}年 {items:,} 件，3 次取中位数）")
    print(row("项目", "秒", "", "", "×基线", "目标"))
    print(row("手写 SQL 一次算出主要合计（基线）", f"{baseline:.2f}", "", "", "1.0", ""))
    ok = report <= 2 and report <= 3 * baseline
    print(
        row(
            "annual_report 年度 JSON",
            f"{report:.2f}",
            "",
            "",
            f"{report / baseline:.1f}",
            f"≤2秒且≤3×基线：{verdict(ok)}",
        )
    )
    results["statistics"] = {"items": items, "annual_report": report, "hand_sql": baseline}


# --- reminders ---------------------------------------------------------------------------------------------------

REMINDER_SCRIPT = r"""
import datetime as dt, json, sys, time
import django
django.setup()
from django.db import connection
from django.utils import timezone
from notifications.models import Notification, ReminderLog
from proposals import reminders

def open_assignments(total, due_soon):
    today = timezone.localdate()
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM proposals_assignment WHERE state = 'handling'")
        have = c.fetchone()[0]
        c.execute("SELECT id, unit_id FROM proposals_assignment WHERE role = 'lead' ORDER BY id LIMIT 1")
        template = c.fetchone()[0]
        add = total - have
        # Open assignments far from any reminder step, copied from one real row (every other column as is).
        c.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'proposals_assignment' "
                  "AND column_name <> 'id' ORDER BY ordinal_position")
        columns = [r[0] for r in c.fetchall()]
        far = today + dt.timedelta(days=60)
        override = {"role": "'lead'", "state": "'handling'", "round": "1", "extended_to": "NULL",
                    "due_on": f"DATE '{far}' + (g %% 300)", "replied_on": "NULL", "withdrawn_on": "NULL",
                    "signed_at": "now()"}
        values = ", ".join(override.get(col, col) for col in columns)
        c.execute(f"INSERT INTO proposals_assignment ({', '.join(columns)}) SELECT {values} "
                  "FROM proposals_assignment, generate_series(1, %s) g WHERE id = %s", [add, template])
        if due_soon:
            c.execute("UPDATE proposals_assignment SET due_on = %s WHERE id IN (SELECT id FROM proposals_assignment "
                      "WHERE state = 'handling' AND role = 'lead' ORDER BY id DESC LIMIT %s)",
                      [today + dt.timedelta(days=3), due_soon])
        c.execute("ANALYZE proposals_assignment")

def scan():
    Notification.objects.filter(reminder__isnull=False).delete()
    ReminderLog.objects.all().delete()
    started = time.perf_counter()
    sent = reminders.reminders_scan(today=timezone.localdate())
    return time.perf_counter() - started, sum(sent.values())

out = {}
open_assignments(100_000, 5000)
out["100k"] = scan()
open_assignments(1_000_000, 0)
out["1m"] = scan()
print(json.dumps(out))
"""


def run_reminders(results: dict) -> None:
    recreate("bench_reminders")
    for args in (("migrate", "--verbosity", "0"), ("seed_scale", "--items", "2000", "--years", "1")):
        done = manage("bench_reminders", *args)
        if done.returncode:
            sys.exit(done.stderr[-2000:])
    done = subprocess.run(
        [PYTHON, "-c", REMINDER_SCRIPT], env=env_for("bench_reminders"), cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    out = json.loads(done.stdout.strip().splitlines()[-1])
    (small, sent_small), (large, sent_large) = out["100k"], out["1m"]
    print("\n四、期限提醒扫描（每次写入约 5,000 条提醒及其通知、发送记录）")
    print(row("场景", "秒", "提醒数", "", "×基线", "目标"))
    print(
        row(
            "100,000 件在办中 5,000 件到提醒点（基线）",
            f"{small:.2f}",
            sent_small,
            "",
            "1.0",
            f"≤5秒：{verdict(small <= 5)}",
        )
    )
    ok = large <= 5 and large <= 1.5 * small
    print(
        row(
            "1,000,000 件在办中同样 5,000 件",
            f"{large:.2f}",
            sent_large,
            "",
            f"{large / small:.2f}",
            f"≤1.5×基线：{verdict(ok)}",
        )
    )
    results["reminders"] = {"100k": small, "1m": large, "sent": [sent_small, sent_large]}


# --- reports -----------------------------------------------------------------------------------------------------


def peak_mb(stderr: str) -> float:
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(found.group(1)) / 1024 if found else float("nan")


def run_reports(database: str, results: dict) -> None:
    from django.utils import timezone

    from reports.statistics import monthly_report

    today = timezone.localdate()
    last = today.replace(day=1) - dt.timedelta(days=1)
    month = f"{last:%Y-%m}"
    data = monthly_report(year=last.year, month=last.month)
    print(
        f"\n五、月度督办报告 {month}（超期未答复 {len(data['overdue']):,} 件，临期 {len(data['near_due']):,} 件，"
        f"承办单位 {len(data['units']):,} 个）"
    )
    print(row("文件", "秒", "内存MB", "页数", "", "目标"))
    figures = {}
    with tempfile.TemporaryDirectory() as scratch:
        for fmt in ("pdf", "xlsx"):
            output = Path(scratch) / f"monthly.{fmt}"
            started = time.perf_counter()
            done = manage(
                database,
                "build_report",
                "monthly",
                "--month",
                month,
                "--format",
                fmt,
                "--output",
                str(output),
                timed=True,
            )
            seconds = time.perf_counter() - started
            if done.returncode:
                sys.exit(done.stderr[-2000:])
            memory = peak_mb(done.stderr)
            pages = ""
            if fmt == "pdf":
                from pypdf import PdfReader

                pages = len(PdfReader(str(output)).pages)
            ok = seconds <= 60 and memory <= 1024 and (fmt != "pdf" or pages <= 40)
            goal = f"≤60秒、≤1GB{'、≤40页' if fmt == 'pdf' else ''}：{verdict(ok)}"
            print(
                row(
                    f"月度报告 {fmt.upper()}（{output.stat().st_size / 1024 / 1024:.1f} MB）",
                    f"{seconds:.1f}",
                    f"{memory:.0f}",
                    pages,
                    "",
                    goal,
                )
            )
            figures[fmt] = {"seconds": seconds, "peak_mb": memory, "pages": pages}
    results["reports"] = figures


# --- import ------------------------------------------------------------------------------------------------------

IMPORT_SCRIPT = r"""
import io, json, sys, time
import django
django.setup()
from benchmarks.ledger_import import build_file
from deputies.models import Delegation, Deputy, Session
from ledger.services import ledger_import
from proposals.models import Proposal

rows = int(sys.argv[1])
data = build_file(rows, "xlsx", "imp")
started = time.perf_counter()
report = ledger_import(file=io.BytesIO(data), filename="基准台账.xlsx")
imported = time.perf_counter() - started
assert report.imported == rows, report.errors[:3]
session = Session.objects.create(name="批量写入对照会议", year=2025)
delegation = Delegation.objects.create(name="批量写入对照代表团")
started = time.perf_counter()
deputies = Deputy.objects.bulk_create([Deputy(name=f"对照代表{i}", delegation=delegation) for i in range(3000)])
items = [
    Proposal(session=session, number=f"{i:06d}", title=f"关于改进第{i}项民生工作的建议",
             lead_deputy=deputies[i % 3000], field="教育", state="closed")
    for i in range(rows)
]
Proposal.objects.bulk_create(items, batch_size=2000)
bulk = time.perf_counter() - started
print(json.dumps({"import": imported, "bulk_create": bulk}))
"""


def run_import(results: dict, rows: int = 10_000) -> None:
    recreate("bench_import")
    done = manage("bench_import", "migrate", "--verbosity", "0")
    if done.returncode:
        sys.exit(done.stderr[-2000:])
    done = subprocess.run(
        ["/usr/bin/time", "-v", PYTHON, "-c", IMPORT_SCRIPT, str(rows)],
        env=env_for("bench_import"),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    out = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n六、台账导入（{rows:,} 行，进程内存峰值 {peak_mb(done.stderr):.0f} MB）")
    print(row("项目", "秒", "", "", "×基线", "目标"))
    print(row("bulk_create 同样件数（基线）", f"{out['bulk_create']:.2f}", "", "", "1.0", ""))
    ok = out["import"] <= 30 and out["import"] <= 5 * out["bulk_create"]
    ratio = out["import"] / out["bulk_create"]
    print(row("台账校验并导入", f"{out['import']:.2f}", "", "", f"{ratio:.1f}", f"≤30秒且≤5×基线：{verdict(ok)}"))
    results["import"] = out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, required=True, help="规模：10000、100000 或 1000000（最多 1,000,000）")
    parser.add_argument("--requests", type=int, default=50, help="每页请求次数（默认 50）")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"只测其中几项，逗号分隔：{','.join(SECTIONS)}")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if not 1 <= args.items <= 1_000_000 or only - set(SECTIONS):
        parser.error("件数须在 1 至 1,000,000 之间；--only 只能取 " + ",".join(SECTIONS))
    database = f"bench_{label_of(args.items)}"
    ensure_data(args.items, database)
    setup(database)
    from django.db import connection

    from proposals.models import Assignment, Proposal

    started = time.perf_counter()
    cpu = os.cpu_count()
    print(
        f"数据库 {database}：议案建议 {Proposal.objects.count():,} 件，交办 {Assignment.objects.count():,} 条；"
        f"PostgreSQL {connection.pg_version // 10000}；本机 {cpu} 核（与其他用户共用，计时有波动，请看与基线之比）"
    )
    results = {"items": args.items, "database": database, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    if "pages" in only:
        run_pages(args.items, args.requests, results)
    if "throughput" in only:
        run_throughput(database, results)
    if "statistics" in only:
        run_statistics(results)
    if "reminders" in only:
        run_reminders(results)
    if "reports" in only:
        run_reports(database, results)
    if "import" in only:
        run_import(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{args.items}.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**previous, **results}, ensure_ascii=False, indent=1))
    print(f"\n结果已保存到 {path.relative_to(ROOT)}，共用时 {time.perf_counter() - started:.0f} 秒")


if __name__ == "__main__":
    main()
