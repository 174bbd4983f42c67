"""Similar earlier items at scale: the time to find the most similar items to a title being drafted.

    DATABASE_URL=postgres://…/bench .venv/bin/python benchmarks/similar_items.py [--runs 20]

Runs against an existing benchmark database (``seed_scale``); it reads only. For ``--runs`` titles taken
from the data and changed a little (as a deputy would write the same thing again), it times the
candidate look-up as staff see it (all filed items) and prints the median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from proposals.models import Proposal
    from similar.selectors import NOT_CANDIDATES, _candidates_pg

    if connection.vendor != "postgresql":
        sys.exit("需要 PostgreSQL 上的基准数据库（DATABASE_URL）")
    count = Proposal.objects.count()
    step = max(1, count // args.runs)
    titles = list(Proposal.objects.order_by("id").values_list("title", flat=True)[::step][: args.runs])
    qs = Proposal.objects.exclude(state__in=NOT_CANDIDATES)
    timings, found = [], []
    for title in titles:
        drafted = (
            title.replace("加快", "").replace("进一步", "") + "的若干建议"
            if "的建议" not in title
            else title.replace("的建议", "方面的建议")
        )
        start = time.perf_counter()
        rows = _candidates_pg(qs, drafted, "")
        timings.append((time.perf_counter() - start) * 1000)
        found.append(len(rows))
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(f"items: {count:,}  runs: {len(timings)}")
    print(f"similar items look-up: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")
    print(f"candidates found per title: median {statistics.median(found)}")


if __name__ == "__main__":
    main()
