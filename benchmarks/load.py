"""A bounded load run: locust headless against gunicorn + PostgreSQL + Redis, all on 127.0.0.1.

    .venv/bin/pip install -r benchmarks/requirements.txt
    .venv/bin/python benchmarks/load.py            # 50 users, 60 s
    LOAD_USERS=20 LOAD_SECONDS=30 .venv/bin/python benchmarks/load.py

It uses its own database (``LOAD_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/load_bench``,
created and filled with the demo data when empty) and ``LOAD_REDIS_URL`` (default ``redis://127.0.0.1:6379/0``).
It starts gunicorn (4 workers) and a Celery worker, runs locust, and then checks two things:
no response was a server error, and every write the server confirmed is a row in the database
(drafts, progress notes, 催办) — no write lost, none doubled. Exit code 1 when either fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DB_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/load_bench")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/0")
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
SECRET = "load-run-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(var: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "false",
        "SECURE_COOKIES": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(var),
        "LOG_LEVEL": "WARNING",
    }


def create_database() -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(var: Path) -> dict:
    """Migrate and seed the load database; return the plan the locust users follow."""
    os.environ.update(server_env(var))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from deputies import selectors
    from deputies.models import Deputy
    from proposals.models import Assignment, Proposal
    from units.models import UnitHandler

    call_command("migrate", verbosity=0)
    if not Proposal.objects.exists():
        call_command("seed_demo", verbosity=0)
    today = timezone.localdate()
    handling = Assignment.objects.filter(state="handling").select_related("unit")
    units = []
    for handler in UnitHandler.objects.select_related("user", "unit"):
        mine = [a.pk for a in handling if a.unit_id == handler.unit_id]
        if mine:
            units.append({"username": handler.user.username, "assignments": mine})
    items = [{"proposal": a.proposal_id, "unit": a.unit_id} for a in handling]
    session = selectors.sessions_open_for_filing(on=today).first()
    deputies = [{"username": d.user.username} for d in Deputy.objects.filter(user__isnull=False).select_related("user")]
    return {
        "password": "demo12345",
        "today": today.isoformat(),
        "due_on": (today + dt.timedelta(days=7)).isoformat(),
        "session": session.pk,
        "staff": [{"username": "staff", "items": items}],
        "units": units,
        "deputies": deputies,
    }


def row_counts() -> dict:
    from proposals.models import ProgressNote, Proposal, SupervisionAction

    return {
        "draft": Proposal.objects.filter(state="draft").count(),
        "progress": ProgressNote.objects.count(),
        "supervision": SupervisionAction.objects.count(),
    }


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {url}") from None
            time.sleep(0.3)


def main() -> int:
    create_database()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    var = work / "var"
    plan = prepare(var)
    (work / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    before = row_counts()
    port = free_port()
    env = server_env(var)
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    web = start(
        [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "4", "--threads", "2"],
        env,
        work / "web.log",
    )
    worker = start(
        [str(BIN / "celery"), "-A", "config", "worker", "-c", "2", "-l", "WARNING"], env, work / "worker.log"
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/login/", web)
        started = time.monotonic()
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "-u",
                str(USERS),
                "-r",
                "5",
                "-t",
                f"{SECONDS}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(work / "stats"),
                "--only-summary",
                "--stop-timeout",
                "10",
            ],
            cwd=ROOT,
            env={**env, "LOAD_PLAN": str(work / "plan.json"), "LOAD_RESULT": str(work / "confirmed.json")},
            check=False,
        )
        elapsed = time.monotonic() - started
    finally:
        for process in (worker, web):
            process.terminate()
            process.wait(timeout=60)
    after = row_counts()
    confirmed = json.loads((work / "confirmed.json").read_text())
    with (work / "stats_stats.csv").open(encoding="utf-8") as f:
        total = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    server_errors = confirmed.get("server_errors", 0)
    with (work / "stats_failures.csv").open(encoding="utf-8") as f:
        failures = list(csv.DictReader(f))
    print(f"\n负载测试：{USERS} 个用户，{SECONDS} 秒（实际 {elapsed:.0f} 秒）")
    print("gunicorn 4 进程×2 线程 + Celery worker + PostgreSQL + Redis，均在 127.0.0.1")
    print(f"请求 {total['Request Count']} 次，失败 {total['Failure Count']} 次，其中服务器错误 {server_errors} 次")
    print(f"吞吐 {float(total['Requests/s']):.1f} 次/秒，响应时间中位数 {total['50%']} ms，95% {total['95%']} ms")
    lost = 0
    for kind, label in (("draft", "代表草稿"), ("progress", "办理进展"), ("supervision", "催办")):
        written = after[kind] - before[kind]
        lost += abs(written - confirmed.get(kind, 0))
        print(f"{label}：服务器确认 {confirmed.get(kind, 0)} 次，数据库新增 {written} 行")
    for row in failures:
        print(f"  失败：{row['Method']} {row['Name']} {row['Error']} ×{row['Occurrences']}")
    print(f"日志和统计在 {work}")
    return 0 if server_errors == 0 and lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
