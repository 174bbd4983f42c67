"""python manage.py check_recorded_facts [--repair]

Compares each item's kept latest records (``reports_recordedfacts``, kept by the database's triggers) with
the records themselves and prints how many items differ. ``--repair`` recomputes every item's row. Exits
with status 1 when differences remain, so a scheduled check can alert. Only PostgreSQL keeps these rows.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports.recorded_facts import refresh_recorded_facts, stale_recorded_facts


class Command(BaseCommand):
    help = "核对（并可修复）统计用的各件最新记录与评价、答复、沟通、延期记录是否一致"

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="重新计算所有件的最新记录")

    def handle(self, *args, repair: bool = False, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("当前数据库不是 PostgreSQL：统计直接查询各项记录，没有需要核对的最新记录。")
            return
        if repair:
            refresh_recorded_facts()
            self.stdout.write("已重新计算所有件的最新记录。")
        count, examples = stale_recorded_facts()
        if count:
            shown = "、".join(str(pk) for pk in examples)
            raise CommandError(f"有 {count} 件的最新记录与记录本身不一致（例如件 ID {shown}）；可用 --repair 修复。")
        self.stdout.write("各件的最新记录与记录本身一致。")
