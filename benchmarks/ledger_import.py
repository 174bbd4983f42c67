"""Benchmark of the ledger check and import: rows per second and peak memory.

    .venv/bin/python benchmarks/ledger_import.py [--rows 20000] [--format xlsx|csv] [--tracemalloc]

By default it works in a fresh SQLite database in a temporary directory (migrated first, then thrown
away). Set ``BENCH_DATABASE_URL`` to measure on PostgreSQL: use a scratch database — the script
migrates it and imports into it (each run uses its own session names, so runs do not collide).

Memory is the process's peak resident size after each phase; with ``--tracemalloc`` it is the peak
of Python allocations during the phase (slower, but per phase).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("VAR_DIR", str(workdir))
    # Production settings: with DEBUG on, Django would keep every SQL statement in memory.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def ledger_rows(n: int, tag: str):
    from ledger.columns import COLUMNS

    yield list(COLUMNS)
    for i in range(n):
        row = {
            "会议": f"基准测试会议{tag}" if i % 3 else f"2025年闭会期间{tag}",
            "编号": f"{i:06d}",
            "类型": "建议" if i % 17 else "议案",
            "标题": f"关于改进第{i}项民生工作的建议",
            "领衔代表": f"代表{i % 3000}",
            "代表团": f"第{i % 40}代表团",
            "附议代表": f"代表{(i + 1) % 3000}、代表{(i + 2) % 3000}",
            "提出日期": "2025-01-10",
            "领域": ["城乡建设", "教育", "医疗卫生", "交通"][i % 4],
        }
        if i % 17 == 0:
            row["议案处理结果"] = ["列入议程", "不列入议程", ""][i % 3]
        elif i % 5:
            row |= {
                "办理方式": "单办",
                "主办单位": f"市第{i % 200}局",
                "交办日期": "2025-03-01",
                "答复日期": "2025-05-20",
                "答复类别": "ABCD"[i % 4],
                "沟通方式": "面谈",
            }
            if i % 5 == 2:
                row |= {"办理方式": "主办协办", "协办单位": f"市第{(i + 1) % 200}局"}
            if i % 5 == 3:
                row |= {"首次评价": "满意", "首次评价日期": "2025-06-01", "办结日期": "2025-06-01"}
            if i % 5 == 4:
                row |= {
                    "首次评价": "不满意",
                    "首次评价日期": "2025-06-01",
                    "重办答复日期": "2025-06-25",
                    "重办答复类别": "B",
                }
        yield [row.get(column, "") for column in COLUMNS]


def build_file(n: int, fmt: str, tag: str) -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(ledger_rows(n, tag))
        return out.getvalue().encode("utf-8")
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    for row in ledger_rows(n, tag):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(label: str, rows: int, call, *, trace: bool):
    if trace:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = call()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        memory = f"Python 分配峰值 {peak / 1024 / 1024:.1f} MB"
    else:
        memory = f"进程内存峰值 {peak_rss_mb():.1f} MB"
    print(
        f"{label}: {rows} 行，用时 {elapsed:.2f} 秒（本进程 CPU {cpu:.2f} 秒），{rows / elapsed:,.0f} 行/秒，{memory}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ledger-bench-") as workdir:
        setup_django(Path(workdir))
        from django.db import connection

        from ledger.services import ledger_check, ledger_import

        tag = uuid.uuid4().hex[:6]
        started = time.perf_counter()
        data = build_file(args.rows, args.format, tag)
        name = f"基准台账.{args.format}"
        print(
            f"数据库 {connection.vendor}；生成 {args.rows} 行 {args.format} 文件 "
            f"{len(data) / 1024 / 1024:.1f} MB，用时 {time.perf_counter() - started:.2f} 秒"
        )

        report = measure(
            "校验", args.rows, lambda: ledger_check(file=io.BytesIO(data), filename=name), trace=args.tracemalloc
        )
        if not report.ok:
            sys.exit(f"生成的台账未通过校验：{report.errors[:3]}")
        report = measure(
            "导入", args.rows, lambda: ledger_import(file=io.BytesIO(data), filename=name), trace=args.tracemalloc
        )
        print(report.summary())


if __name__ == "__main__":
    main()
