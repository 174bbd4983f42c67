"""Benchmark of the 民意池 figures: time and queries of the figures, the committee's analysis and the topics.

    .venv/bin/python benchmarks/opinions.py [--opinions 50000]

Fills a fresh SQLite database in a temporary directory with stations, deputies and opinions written
with ``bulk_create`` (a third answered, a third referred, some merged), then times (median of 5) each
aggregate the figures page and the committee page run, and prints the number of queries (the recurring
topics both computed and read from the cache, where the page keeps them for ten minutes). The figures
page itself is timed twice: the background rebuild of its snapshots and the page's read of them. Set
``BENCH_DATABASE_URL`` to measure on PostgreSQL (a scratch database; the script adds its own rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PHRASES = (
    "小区路灯坏了很久，晚上出行不安全",
    "老旧小区没有电梯，老人上下楼困难",
    "学校门口接送时段交通拥堵",
    "河道发黑发臭，疑似污水直排",
    "菜市场周边占道经营严重",
    "社区卫生服务中心药品种类少",
    "新建小区没有公交线路",
    "工地夜间施工噪音扰民",
)
FIELDS = ("城乡建设", "城乡建设", "交通", "生态环境", "经济发展", "医疗卫生", "交通", "公共安全")


def _setup(workdir: Path) -> None:
    spec = importlib.util.spec_from_file_location("ledger_bench", HERE / "ledger_import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.setup_django(workdir)


def _fill(n: int, tag: str) -> list[str]:
    from django.utils import timezone

    from deputies.models import Delegation, Deputy
    from opinions.codes import new_code
    from opinions.models import Opinion, Station

    rng = random.Random(13)
    delegation = Delegation.objects.create(name=f"基准代表团{tag}")
    deputies = Deputy.objects.bulk_create([Deputy(name=f"基准代表{tag}{i}", delegation=delegation) for i in range(200)])
    stations = []
    for i in range(40):
        station = Station.objects.create(name=f"基准联络站{tag}{i}", area=f"第{i % 12}区")
        station.deputies.set(deputies[i * 5 : i * 5 + 5])
        stations.append(station)
    today = timezone.localdate()
    states = ("new", "answered", "referred", "suggested", "kept", "answered", "referred", "declined")
    rows = []
    for i in range(n):
        k = rng.randrange(len(PHRASES))
        received = today - dt.timedelta(days=rng.randrange(365))
        state = states[i % len(states)]
        responded = None if state == "new" else received + dt.timedelta(days=rng.randrange(1, 20))
        station = stations[i % len(stations)]
        rows.append(
            Opinion(
                content=f"{PHRASES[k]}，希望尽快解决。第{i}号",
                citizen_phone="13800000000",
                field=FIELDS[k],
                area=station.area,
                source="reception",
                station=station,
                deputy=deputies[(i % len(stations)) * 5 + rng.randrange(5)],
                received_on=received,
                query_code=new_code(),
                state=state,
                first_response_on=min(responded, today) if responded else None,
                fed_back_on=min(responded, today) if state == "answered" else None,
            )
        )
        if len(rows) == 5000:
            Opinion.objects.bulk_create(rows)
            rows = []
    Opinion.objects.bulk_create(rows)
    return sorted({f for f in FIELDS})


def _measure(label: str, run) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as ctx:
        run()
    print(f"  {label:<34} {statistics.median(times) * 1000:9.1f} ms   {len(ctx):3d} 次查询")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opinions", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opinions-bench-") as workdir:
        _setup(Path(workdir))
        from django.core.cache import cache
        from django.db import connection
        from django.utils import timezone

        from opinions import figure_snapshots, figures, topics

        tag = uuid.uuid4().hex[:6]
        started = time.perf_counter()
        _fill(args.opinions, tag)
        print(f"数据库 {connection.vendor}；写入 {args.opinions} 条意见，用时 {time.perf_counter() - started:.1f} 秒")
        today = timezone.localdate()
        year = figures.period_opinions(start=today - dt.timedelta(days=365), end=today)
        committee = figures.period_opinions(
            start=today - dt.timedelta(days=365), end=today, fields=["城乡建设", "交通"]
        )
        _measure("合计（全部意见）", lambda: figures.totals(year))
        for group in ("station", "deputy", "field"):
            _measure(f"按{figures.GROUPS[group][1]}统计", lambda g=group: figures.by_group(year, g))
        _measure(
            "代表本季度接待次数",
            lambda: figures.receptions_by_deputy(year=today.year, quarter=(today.month - 1) // 3 + 1),
        )
        quarter = (today.month - 1) // 3 + 1
        _measure("民意统计页：后台重建快照", lambda: figure_snapshots.refresh(today=today))
        _measure(
            "民意统计页：读快照",
            lambda: figure_snapshots.figures_page(year=today.year, quarter=quarter, fields=None),
        )
        _measure("委员会：按月份", lambda: figures.by_month(committee))
        _measure(
            "委员会：民意分析（读快照）",
            lambda: figure_snapshots.committee_analysis(
                start=today - dt.timedelta(days=365), end=today, fields=["城乡建设", "交通"]
            ),
        )
        _measure("委员会：反复出现的问题（计算）", lambda: (cache.clear(), topics.recurring_topics(committee)))
        _measure("委员会：反复出现的问题（缓存）", lambda: topics.recurring_topics(committee))


if __name__ == "__main__":
    main()
