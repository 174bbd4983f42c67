"""``python manage.py seed_scale --items N``: fill an empty database with N believable items for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.scale import PASSWORD, seed_scale
from proposals.models import Proposal

MAX_ITEMS = 1_000_000


class Command(BaseCommand):
    help = "生成规模测试数据：N件议案建议及其交办、答复、评价、沟通、督办、附议记录（最多100万件）和基准测试账号。"

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True, help=f"议案建议件数（1 至 {MAX_ITEMS:,}）")
        parser.add_argument("--years", type=int, default=5, help="分布在最近几年（默认5，即100万件时每年20万件）")

    def handle(self, *args, items: int, years: int, **options):
        if not 1 <= items <= MAX_ITEMS:
            raise CommandError(f"件数须在 1 至 {MAX_ITEMS:,} 之间。")
        if not 1 <= years <= 20:
            raise CommandError("年数须在 1 至 20 之间。")
        if Proposal.objects.exists():
            raise CommandError("数据库中已有议案建议。规模测试数据只能生成到专用的空数据库中。")
        started = time.perf_counter()
        step = max(items // 20, 1)

        def progress(number: int, rows: int) -> None:
            if number % step < 5000 or number == items:
                elapsed = time.perf_counter() - started
                self.stdout.write(f"  已生成 {number:,} 件（共 {rows:,} 行，{elapsed:.0f} 秒）")

        gen = seed_scale(n=items, years=years, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {items:,} 件、共 {gen.rows:,} 行，用时 {time.perf_counter() - started:.0f} 秒。"
            )
        )
        self.stdout.write(
            f"基准测试账号（密码均为 {PASSWORD}）：bench-staff（工作人员）、bench-leader（领导）、"
            "bench-unit（事项最多的承办单位的经办人）、bench-deputy（领衔和附议较多件的代表）。"
        )
