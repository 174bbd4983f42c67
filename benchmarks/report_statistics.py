"""Benchmark of the report statistics: time and number of queries of the year-end and monthly reports.

    .venv/bin/python benchmarks/report_statistics.py [--rows 20000]

Fills a fresh SQLite database in a temporary directory with a generated ledger (the same rows as
``benchmarks/ledger_import.py``), then builds each report twice and prints the second run's figures.
Set ``BENCH_DATABASE_URL`` to measure on PostgreSQL (a scratch database: the script migrates and imports
into it, with its own session names per run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _ledger_bench():
    spec = importlib.util.spec_from_file_location("ledger_bench", HERE / "ledger_import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    bench = _ledger_bench()

    with tempfile.TemporaryDirectory(prefix="stats-bench-") as workdir:
        bench.setup_django(Path(workdir))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from ledger.services import ledger_import
        from reports.statistics import annual_report, monthly_report

        tag = uuid.uuid4().hex[:6]
        started = time.perf_counter()
        data = bench.build_file(args.rows, "csv", tag)
        ledger_import(file=io.BytesIO(data), filename="基准台账.csv")
        print(f"数据库 {connection.vendor}；导入 {args.rows} 行台账，用时 {time.perf_counter() - started:.1f} 秒")

        runs = {
            "年度报告（截至 2025-12-31）": lambda: annual_report(year=2025, as_of=dt.date(2025, 12, 31)),
            "年度报告（截至 2025-06-30）": lambda: annual_report(year=2025, as_of=dt.date(2025, 6, 30)),
            "月度督办报告（2025-06）": lambda: monthly_report(year=2025, month=6),
            "月度督办报告（2025-12）": lambda: monthly_report(year=2025, month=12),
        }
        for label, run in runs.items():
            run()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                report = run()
                elapsed = time.perf_counter() - started
            items = report["totals"]["items"]
            print(f"{label}: {items} 件，{len(captured.captured_queries)} 次查询，用时 {elapsed:.2f} 秒")


if __name__ == "__main__":
    sys.exit(main())
